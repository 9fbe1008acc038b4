using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Stock;

public sealed class AdjustStockTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string Selection = "{ id kind quantity reason recordedBy recordedAt handover { id } reverses { id } item { id quantityOnHand } }";

    private readonly LedgerScenario scenario = new(app);

    private Task<MutationResult> AdjustAsync(string itemId, int quantityChange, string reason = "运输途中损坏") =>
        scenario.Client.MutateAsync("adjustStock", "entry", Selection, new { itemId, quantityChange, reason });

    [Theory]
    [InlineData(-5, 95)]
    [InlineData(3, 103)]
    [InlineData(-100, 0)]
    public async Task AdjustStock_appends_an_adjusted_entry_with_its_reason(int change, int onHand)
    {
        var seed = await scenario.LotAsync(100);
        var before = await app.LedgerCountsAsync();
        var from = DateTime.UtcNow;

        var entry = (await AdjustAsync(seed.Id, change, " 受潮霉变 ")).Ok();

        var to = DateTime.UtcNow;
        Assert.Equal("ADJUSTED", (string?)entry["kind"]);
        Assert.Equal(change, (int)entry["quantity"]!);
        Assert.Equal("受潮霉变", (string?)entry["reason"]);
        Assert.Equal("admin", (string?)entry["recordedBy"]);
        Assert.Null(entry["handover"]);
        Assert.Null(entry["reverses"]);
        Assert.Equal(seed.Id, (string?)entry["item"]!["id"]);
        Assert.Equal(onHand, (int)entry["item"]!["quantityOnHand"]!);

        var id = LedgerScenario.RowId((string?)entry["id"], "StockEntry");
        var stored = await app.QueryDatabaseAsync(db => db.StockEntries.SingleAsync(e => e.Id == id));
        Assert.Equal(LedgerScenario.RowId(seed.Id, "Item"), stored.StockItemId);
        Assert.Equal(LedgerEntryKind.Adjusted, stored.Kind);
        Assert.Equal(change, stored.Quantity);
        Assert.Equal("受潮霉变", stored.Reason);
        Assert.Equal("admin", stored.RecordedBy);
        LedgerScenario.RecordedBetween(from, stored.RecordedAt, to);
        Assert.Equal(stored.RecordedAt, LedgerScenario.Utc(entry["recordedAt"]));
        Assert.Equal(
            before with { StockEntries = before.StockEntries + 1, QuantityOnHand = before.QuantityOnHand + change, AuditEntries = before.AuditEntries + 1 },
            await app.LedgerCountsAsync());
    }

    [Fact]
    public async Task AdjustStock_brings_a_lost_per_unit_item_back_when_it_is_found()
    {
        var tv = (await scenario.PerUnitAsync(1))[0];
        (await AdjustAsync(tv.Id, -1, "丢失")).Ok();

        var found = (await AdjustAsync(tv.Id, 1, "找回")).Ok();

        Assert.Equal(1, (int)found["item"]!["quantityOnHand"]!);
    }

    [Fact]
    public async Task AdjustStock_refuses_a_loss_larger_than_on_hand()
    {
        var seed = await scenario.LotAsync(100);

        await scenario.RefusedAsync(() => AdjustAsync(seed.Id, -101), "INSUFFICIENT_STOCK");

        Assert.Equal(100, await scenario.OnHandAsync(seed));
    }

    [Fact]
    public async Task AdjustStock_refuses_a_second_unit_for_a_per_unit_item()
    {
        var tv = (await scenario.PerUnitAsync(1))[0];

        await scenario.RefusedAsync(() => AdjustAsync(tv.Id, 1, "盘盈"), "VALIDATION_FAILED", "quantityChange");

        Assert.Equal(1, await scenario.OnHandAsync(tv));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_001)]
    [InlineData(-1_000_001)]
    [InlineData(int.MinValue)]
    public async Task AdjustStock_refuses_a_zero_or_absurd_change(int change)
    {
        var seed = await scenario.LotAsync(100);

        await scenario.RefusedAsync(() => AdjustAsync(seed.Id, change), "VALIDATION_FAILED", "quantityChange");
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public async Task AdjustStock_refuses_a_blank_or_over_long_reason(string? reason)
    {
        var seed = await scenario.LotAsync(100);

        await scenario.RefusedAsync(() => AdjustAsync(seed.Id, -1, reason ?? new string('x', 1001)), "VALIDATION_FAILED", "reason");
    }

    [Fact]
    public async Task AdjustStock_refuses_an_unknown_item() =>
        await scenario.RefusedAsync(() => AdjustAsync(GlobalId.Encode("Item", 987_654), -1), "NOT_FOUND", "itemId");

    [Theory]
    [InlineData("GL-7K3Q-9XWD")]
    [InlineData("StockEntry")]
    [InlineData("DonationLine")]
    public async Task AdjustStock_refuses_a_malformed_id_or_the_id_of_another_type(string itemId)
    {
        if (itemId is "StockEntry" or "DonationLine")
        {
            await scenario.LotAsync(100);
            itemId = GlobalId.Encode(itemId, 1);
        }

        await scenario.RefusedAsync(() => AdjustAsync(itemId, -1), "INVALID_ID", "itemId");
    }

    [Fact]
    public async Task AdjustStock_keeps_the_cached_on_hand_equal_to_the_sum_of_the_entries()
    {
        var seed = await scenario.LotAsync(100);
        (await AdjustAsync(seed.Id, -7)).Ok();
        (await AdjustAsync(seed.Id, 2)).Ok();
        await scenario.RefusedAsync(() => AdjustAsync(seed.Id, -96), "INSUFFICIENT_STOCK");

        var itemId = (int)LedgerScenario.RowId(seed.Id, "Item");
        var (cached, sum) = await app.QueryDatabaseAsync(async db => (
            await db.StockItems.Where(i => i.Id == itemId).Select(i => i.QuantityOnHand).SingleAsync(),
            await db.StockEntries.Where(e => e.StockItemId == itemId).SumAsync(e => e.Quantity)));
        Assert.Equal(95, cached);
        Assert.Equal(95, sum);
    }
}
