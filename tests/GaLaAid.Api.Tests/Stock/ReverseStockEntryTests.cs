using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Stock;

public sealed class ReverseStockEntryTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string Selection =
        "{ id kind quantity reason recordedBy recordedAt handover { id entries { kind quantity } } reverses { id kind } item { id quantityOnHand } }";

    private readonly LedgerScenario scenario = new(app);

    private Task<MutationResult> ReverseAsync(string entryId, string reason = "交错了户") =>
        scenario.Client.MutateAsync("reverseStockEntry", "entry", Selection, new { entryId, reason });

    private async Task<string> EntryAsync(LedgerScenario.Item item, string kind) =>
        (string)(await scenario.StockEntriesAsync(item)).Last(e => (string?)e!["kind"] == kind)!["id"]!;

    [Fact]
    public async Task ReverseStockEntry_returns_goods_handed_over_to_the_wrong_household_to_stock()
    {
        var household = (await scenario.VillageAsync()).Household;
        var seed = await scenario.LotAsync(100);
        var handover = (await scenario.HandOverAsync(household, LedgerScenario.Take(seed, 30))).Ok();
        var distributed = (string)handover["entries"]![0]!["id"]!;
        var before = await app.LedgerCountsAsync();
        var from = DateTime.UtcNow;

        var reversal = (await ReverseAsync(distributed, " 交错了户 ")).Ok();

        var to = DateTime.UtcNow;
        Assert.Equal("REVERSAL", (string?)reversal["kind"]);
        Assert.Equal(30, (int)reversal["quantity"]!);
        Assert.Equal("交错了户", (string?)reversal["reason"]);
        Assert.Equal(distributed, (string?)reversal["reverses"]!["id"]);
        Assert.Equal("DISTRIBUTED", (string?)reversal["reverses"]!["kind"]);
        Assert.Equal((string?)handover["id"], (string?)reversal["handover"]!["id"]);
        Assert.Equal([-30, 30], reversal["handover"]!["entries"]!.AsArray().Select(e => (int)e!["quantity"]!));
        Assert.Equal(100, (int)reversal["item"]!["quantityOnHand"]!);

        var id = LedgerScenario.RowId((string?)reversal["id"], "StockEntry");
        var stored = await app.QueryDatabaseAsync(db => db.StockEntries.SingleAsync(e => e.Id == id));
        Assert.Equal(LedgerEntryKind.Reversal, stored.Kind);
        Assert.Equal(30, stored.Quantity);
        Assert.Equal(LedgerScenario.RowId(distributed, "StockEntry"), stored.ReversesEntryId);
        Assert.Equal((int?)LedgerScenario.RowId((string?)handover["id"], "Handover"), stored.HandoverId);
        Assert.Equal("交错了户", stored.Reason);
        Assert.Equal("admin", stored.RecordedBy);
        LedgerScenario.RecordedBetween(from, stored.RecordedAt, to);
        Assert.Equal(before with { StockEntries = before.StockEntries + 1, QuantityOnHand = before.QuantityOnHand + 30, AuditEntries = before.AuditEntries + 1 }, await app.LedgerCountsAsync());

        // The handover and its Distributed entry stay: nothing is edited or deleted.
        var original = await app.QueryDatabaseAsync(db => db.StockEntries.SingleAsync(e => e.Id == stored.ReversesEntryId));
        Assert.Equal(LedgerEntryKind.Distributed, original.Kind);
        Assert.Equal(-30, original.Quantity);
    }

    [Fact]
    public async Task ReverseStockEntry_cancels_a_receipt_that_is_still_on_hand()
    {
        var tv = (await scenario.PerUnitAsync(1))[0];

        var reversal = (await ReverseAsync(await EntryAsync(tv, "RECEIVED"), "重复入库")).Ok();

        Assert.Equal(-1, (int)reversal["quantity"]!);
        Assert.Null(reversal["handover"]);
        Assert.Equal(0, (int)reversal["item"]!["quantityOnHand"]!);
    }

    [Fact]
    public async Task ReverseStockEntry_refuses_to_reverse_a_reversal()
    {
        var seed = await scenario.LotAsync(100);
        (await scenario.Client.MutateAsync("adjustStock", "entry", "{ id }", new { itemId = seed.Id, quantityChange = -4, reason = "损坏" })).Ok();
        var reversalId = (string)(await ReverseAsync(await EntryAsync(seed, "ADJUSTED"))).Ok()["id"]!;

        await scenario.RefusedAsync(() => ReverseAsync(reversalId), "CANNOT_REVERSE_REVERSAL");

        Assert.Equal(100, await scenario.OnHandAsync(seed));
    }

    [Fact]
    public async Task ReverseStockEntry_refuses_to_reverse_an_entry_twice()
    {
        var household = (await scenario.VillageAsync()).Household;
        var seed = await scenario.LotAsync(100);
        var distributed = (string)(await scenario.HandOverAsync(household, LedgerScenario.Take(seed, 30))).Ok()["entries"]![0]!["id"]!;
        (await ReverseAsync(distributed)).Ok();

        var data = await scenario.Client.DataAsync(
            "mutation($input: ReverseStockEntryInput!) { reverseStockEntry(input: $input) { errors { __typename ... on ReversalRefusedError { code entryId } } } }",
            new { input = new { entryId = distributed, reason = "再次冲销" } });

        var error = Assert.Single(data["reverseStockEntry"]!["errors"]!.AsArray())!;
        Assert.Equal("ReversalRefusedError", (string?)error["__typename"]);
        Assert.Equal("ALREADY_REVERSED", (string?)error["code"]);
        Assert.Equal(distributed, (string?)error["entryId"]);
        await scenario.RefusedAsync(() => ReverseAsync(distributed), "ALREADY_REVERSED");
        Assert.Equal(100, await scenario.OnHandAsync(seed));
    }

    [Fact]
    public async Task ReverseStockEntry_refuses_to_reverse_a_receipt_whose_goods_were_handed_over()
    {
        var household = (await scenario.VillageAsync()).Household;
        var seed = await scenario.LotAsync(100);
        (await scenario.HandOverAsync(household, LedgerScenario.Take(seed, 1))).Ok();
        var received = await EntryAsync(seed, "RECEIVED");

        await scenario.RefusedAsync(() => ReverseAsync(received), "INSUFFICIENT_STOCK");

        Assert.Equal(99, await scenario.OnHandAsync(seed));
    }

    [Fact]
    public async Task ReverseStockEntry_refuses_a_reversal_that_would_give_a_per_unit_item_a_second_unit()
    {
        var tv = (await scenario.PerUnitAsync(1))[0];
        (await scenario.Client.MutateAsync("adjustStock", "entry", "{ id }", new { itemId = tv.Id, quantityChange = -1, reason = "丢失" })).Ok();
        var lost = await EntryAsync(tv, "ADJUSTED");
        (await scenario.Client.MutateAsync("adjustStock", "entry", "{ id }", new { itemId = tv.Id, quantityChange = 1, reason = "找回" })).Ok();

        await scenario.RefusedAsync(() => ReverseAsync(lost), "VALIDATION_FAILED", "entryId");

        Assert.Equal(1, await scenario.OnHandAsync(tv));
    }

    [Fact]
    public async Task ReverseStockEntry_refuses_an_unknown_entry() =>
        await scenario.RefusedAsync(() => ReverseAsync(GlobalId.Encode("StockEntry", 9_876_543)), "NOT_FOUND", "entryId");

    [Theory]
    [InlineData("@@@")]
    [InlineData("FundEntry")]
    [InlineData("Item")]
    public async Task ReverseStockEntry_refuses_a_malformed_id_or_the_id_of_another_type(string entryId)
    {
        if (entryId != "@@@")
        {
            await scenario.LotAsync(10);
            entryId = GlobalId.Encode(entryId, 1);
        }

        await scenario.RefusedAsync(() => ReverseAsync(entryId), "INVALID_ID", "entryId");
    }

    [Fact]
    public async Task ReverseStockEntry_refuses_a_blank_reason()
    {
        var seed = await scenario.LotAsync(10);
        var received = await EntryAsync(seed, "RECEIVED");

        await scenario.RefusedAsync(() => ReverseAsync(received, " "), "VALIDATION_FAILED", "reason");
    }
}
