using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Labels;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Handovers;

public sealed class RecordHandoverTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string Selection = """
        {
          id handedOverBy receivedBy handedOverAt location note recordedBy recordedAt
          recipient { id name }
          entries { id kind quantity reason handover { id } item { id labelCode quantityOnHand } }
        }
        """;

    private readonly LedgerScenario scenario = new(app);

    private Task<MutationResult> HandOverAsync(object input) =>
        scenario.Client.MutateAsync("recordHandover", "handover", Selection, input);

    private static object Input(string recipientId, params object[] lines) => new { recipientId, receivedBy = "马文德", lines };

    [Fact]
    public async Task RecordHandover_records_the_handover_and_one_distributed_entry_per_item()
    {
        var household = (await scenario.VillageAsync()).Household;
        var tv = (await scenario.PerUnitAsync(2))[0];
        var seed = await scenario.LotAsync(200);
        var before = await app.LedgerCountsAsync();
        var from = DateTime.UtcNow;

        var handover = (await HandOverAsync(new
        {
            recipientId = household,
            receivedBy = " 马文德 ",
            location = "尕拉村村委会院内",
            note = "春节慰问",
            lines = new object[] { new { itemId = tv.Id }, LedgerScenario.Take(seed, 30) },
        })).Ok();

        var to = DateTime.UtcNow;
        var id = LedgerScenario.RowId((string?)handover["id"], "Handover");
        Assert.Equal(household, (string?)handover["recipient"]!["id"]);
        Assert.Equal("马家", (string?)handover["recipient"]!["name"]);
        Assert.Equal("马文德", (string?)handover["receivedBy"]);
        Assert.Equal("admin", (string?)handover["handedOverBy"]);
        Assert.Equal("admin", (string?)handover["recordedBy"]);
        Assert.Equal("尕拉村村委会院内", (string?)handover["location"]);
        Assert.Equal("春节慰问", (string?)handover["note"]);
        var entries = handover["entries"]!.AsArray();
        Assert.Equal(["DISTRIBUTED", "DISTRIBUTED"], entries.Select(e => (string?)e!["kind"]));
        Assert.Equal([-1, -30], entries.Select(e => (int)e!["quantity"]!));
        Assert.Equal([tv.Id, seed.Id], entries.Select(e => (string?)e!["item"]!["id"]));
        Assert.Equal([0, 170], entries.Select(e => (int)e!["item"]!["quantityOnHand"]!));
        Assert.All(entries, e => Assert.Equal((string?)handover["id"], (string?)e!["handover"]!["id"]));

        var stored = await app.QueryDatabaseAsync(async db => new
        {
            Handover = await db.Handovers.SingleAsync(h => h.Id == id),
            Entries = await db.StockEntries.Where(e => e.HandoverId == id).OrderBy(e => e.Id).ToListAsync(),
        });
        Assert.Equal(LedgerScenario.RowId(household, "Recipient"), stored.Handover.RecipientId);
        Assert.Equal("马文德", stored.Handover.ReceivedBy);
        LedgerScenario.RecordedBetween(from, stored.Handover.HandedOverAt, to);
        LedgerScenario.RecordedBetween(from, stored.Handover.RecordedAt, to);
        Assert.Equal(stored.Handover.HandedOverAt, LedgerScenario.Utc(handover["handedOverAt"]));
        Assert.Equal([LedgerScenario.RowId(tv.Id, "Item"), LedgerScenario.RowId(seed.Id, "Item")], stored.Entries.Select(e => (long)e.StockItemId));
        Assert.Equal([-1, -30], stored.Entries.Select(e => e.Quantity));
        Assert.All(stored.Entries, e =>
        {
            Assert.Equal(LedgerEntryKind.Distributed, e.Kind);
            Assert.Equal("admin", e.RecordedBy);
            LedgerScenario.RecordedBetween(from, e.RecordedAt, to);
        });
        Assert.Equal(
            before with { Handovers = before.Handovers + 1, StockEntries = before.StockEntries + 2, QuantityOnHand = before.QuantityOnHand - 31, AuditEntries = before.AuditEntries + 1 },
            await app.LedgerCountsAsync());
    }

    [Fact]
    public async Task RecordHandover_finds_items_by_label_code_in_lower_case_without_dashes()
    {
        var household = (await scenario.VillageAsync()).Household;
        var seed = await scenario.LotAsync(50);
        var typed = seed.LabelCode.ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal);

        var handover = (await HandOverAsync(Input(household, new { labelCode = typed, quantity = 20 }))).Ok();

        var entry = Assert.Single(handover["entries"]!.AsArray())!;
        Assert.Equal(seed.LabelCode, (string?)entry["item"]!["labelCode"]);
        Assert.Equal(-20, (int)entry["quantity"]!);
        Assert.Equal(30, await scenario.OnHandAsync(seed));
    }

    [Fact]
    public async Task RecordHandover_accepts_a_time_in_the_past_and_stores_it_in_utc()
    {
        var household = (await scenario.VillageAsync()).Household;
        var tv = (await scenario.PerUnitAsync(1))[0];
        var at = new DateTime(2016, 10, 27, 3, 30, 0, DateTimeKind.Utc);

        var handover = (await HandOverAsync(new { recipientId = household, receivedBy = "马文德", handedOverAt = at.AddHours(8).ToString("yyyy-MM-ddTHH:mm:ss+08:00", System.Globalization.CultureInfo.InvariantCulture), lines = new[] { new { itemId = tv.Id } } })).Ok();

        Assert.Equal(at, LedgerScenario.Utc(handover["handedOverAt"]));
        var id = LedgerScenario.RowId((string?)handover["id"], "Handover");
        Assert.Equal(at, await app.QueryDatabaseAsync(db => db.Handovers.Where(h => h.Id == id).Select(h => h.HandedOverAt).SingleAsync()));
    }

    [Fact]
    public async Task RecordHandover_refuses_more_than_on_hand_and_says_how_much_there_is()
    {
        var household = (await scenario.VillageAsync()).Household;
        var seed = await scenario.LotAsync(10);
        var before = await app.LedgerCountsAsync();

        var data = await scenario.Client.DataAsync(
            """
            mutation($input: RecordHandoverInput!) {
              recordHandover(input: $input) {
                handover { id }
                errors { __typename ... on InsufficientStockError { code message itemId labelCode requested onHand } }
              }
            }
            """,
            new { input = Input(household, LedgerScenario.Take(seed, 11)) });

        Assert.Null(data["recordHandover"]!["handover"]);
        var error = Assert.Single(data["recordHandover"]!["errors"]!.AsArray())!;
        Assert.Equal("InsufficientStockError", (string?)error["__typename"]);
        Assert.Equal("INSUFFICIENT_STOCK", (string?)error["code"]);
        Assert.Equal(seed.Id, (string?)error["itemId"]);
        Assert.Equal(seed.LabelCode, (string?)error["labelCode"]);
        Assert.Equal(11, (int)error["requested"]!);
        Assert.Equal(10, (int)error["onHand"]!);
        Assert.Equal(before, await app.LedgerCountsAsync());
        Assert.Equal(10, await scenario.OnHandAsync(seed));
    }

    [Fact]
    public async Task RecordHandover_refuses_an_item_that_was_already_handed_over()
    {
        var village = await scenario.VillageAsync();
        var tv = (await scenario.PerUnitAsync(1))[0];
        (await HandOverAsync(Input(village.Household, new { itemId = tv.Id }))).Ok();

        await scenario.RefusedAsync(() => HandOverAsync(Input(village.Unit, new { labelCode = tv.LabelCode })), "INSUFFICIENT_STOCK");
    }

    [Fact]
    public async Task RecordHandover_writes_nothing_when_one_of_its_lines_is_refused()
    {
        var household = (await scenario.VillageAsync()).Household;
        var tvs = await scenario.PerUnitAsync(2);
        var seed = await scenario.LotAsync(5);

        await scenario.RefusedAsync(
            () => HandOverAsync(Input(household, LedgerScenario.Take(tvs[0]), LedgerScenario.Take(tvs[1]), LedgerScenario.Take(seed, 6))),
            "INSUFFICIENT_STOCK");

        int[] onHand = [await scenario.OnHandAsync(tvs[0]), await scenario.OnHandAsync(tvs[1]), await scenario.OnHandAsync(seed)];
        Assert.Equal([1, 1, 5], onHand);
        var itemIds = new[] { tvs[0], tvs[1], seed }.Select(i => (int)LedgerScenario.RowId(i.Id, "Item")).ToList();
        Assert.False(await app.QueryDatabaseAsync(db => db.StockEntries.AnyAsync(e => itemIds.Contains(e.StockItemId) && e.Kind != LedgerEntryKind.Received)));
    }

    [Fact]
    public async Task RecordHandover_refuses_a_quantity_of_two_for_a_per_unit_item()
    {
        var household = (await scenario.VillageAsync()).Household;
        var tvs = await scenario.PerUnitAsync(2);

        await scenario.RefusedAsync(() => HandOverAsync(Input(household, LedgerScenario.Take(tvs[0], 2))), "VALIDATION_FAILED", "lines[0].quantity");
    }

    [Fact]
    public async Task RecordHandover_refuses_the_same_item_named_twice()
    {
        var household = (await scenario.VillageAsync()).Household;
        var seed = await scenario.LotAsync(50);

        await scenario.RefusedAsync(
            () => HandOverAsync(Input(household, LedgerScenario.Take(seed, 5), new { labelCode = seed.LabelCode.ToLowerInvariant(), quantity = 5 })),
            "VALIDATION_FAILED",
            "lines[1]");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task RecordHandover_refuses_a_zero_or_negative_quantity(int quantity)
    {
        var household = (await scenario.VillageAsync()).Household;
        var seed = await scenario.LotAsync(50);

        await scenario.RefusedAsync(() => HandOverAsync(Input(household, LedgerScenario.Take(seed, quantity))), "VALIDATION_FAILED", "lines[0].quantity");
    }

    [Fact]
    public async Task RecordHandover_refuses_an_unknown_recipient()
    {
        var seed = await scenario.LotAsync(50);

        await scenario.RefusedAsync(() => HandOverAsync(Input(GlobalId.Encode("Recipient", 987_654), LedgerScenario.Take(seed))), "NOT_FOUND", "recipientId");
    }

    [Theory]
    [InlineData("itemId")]
    [InlineData("labelCode")]
    public async Task RecordHandover_refuses_an_unknown_item(string by)
    {
        var household = (await scenario.VillageAsync()).Household;
        var seed = await scenario.LotAsync(50);
        object unknown = by == "itemId" ? new { itemId = GlobalId.Encode("Item", 987_654) } : new { labelCode = LabelCode.NewCode() };

        await scenario.RefusedAsync(() => HandOverAsync(Input(household, LedgerScenario.Take(seed), unknown)), "NOT_FOUND", $"lines[1].{by}");
    }

    [Fact]
    public async Task RecordHandover_refuses_a_mistyped_label_code()
    {
        var household = (await scenario.VillageAsync()).Household;
        var seed = await scenario.LotAsync(50);
        var mistyped = seed.LabelCode[..^1] + (seed.LabelCode[^1] == '7' ? '8' : '7');

        await scenario.RefusedAsync(() => HandOverAsync(Input(household, new { labelCode = mistyped })), "VALIDATION_FAILED", "lines[0].labelCode");
    }

    [Theory]
    [InlineData("recipientId", "nonsense")]
    [InlineData("recipientId", "Donor")]
    [InlineData("lines[0].itemId", "nonsense")]
    [InlineData("lines[0].itemId", "DonationLine")]
    public async Task RecordHandover_refuses_a_malformed_id_or_the_id_of_another_type(string field, string value)
    {
        var household = (await scenario.VillageAsync()).Household;
        var seed = await scenario.LotAsync(50);
        var id = value == "nonsense" ? value : GlobalId.Encode(value, 1);
        var input = field == "recipientId" ? Input(id, LedgerScenario.Take(seed)) : Input(household, new { itemId = id });

        await scenario.RefusedAsync(() => HandOverAsync(input), "INVALID_ID", field);
    }

    [Fact]
    public async Task RecordHandover_refuses_a_line_naming_both_an_id_and_a_label_code_or_neither()
    {
        var household = (await scenario.VillageAsync()).Household;
        var seed = await scenario.LotAsync(50);

        await scenario.RefusedAsync(() => HandOverAsync(Input(household, new { itemId = seed.Id, labelCode = seed.LabelCode })), "VALIDATION_FAILED", "lines[0]");
        await scenario.RefusedAsync(() => HandOverAsync(Input(household, new { quantity = 1 })), "VALIDATION_FAILED", "lines[0]");
    }

    [Fact]
    public async Task RecordHandover_refuses_a_handover_without_lines()
    {
        var household = (await scenario.VillageAsync()).Household;

        await scenario.RefusedAsync(() => HandOverAsync(Input(household)), "VALIDATION_FAILED", "lines");
    }

    [Fact]
    public async Task RecordHandover_refuses_more_than_500_lines()
    {
        var household = (await scenario.VillageAsync()).Household;
        var seed = await scenario.LotAsync(1_000);
        var lines = Enumerable.Repeat(LedgerScenario.Take(seed), 501).ToArray();

        await scenario.RefusedAsync(() => HandOverAsync(Input(household, lines)), "VALIDATION_FAILED", "lines");
    }

    [Theory]
    [InlineData("receivedBy", "  ")]
    [InlineData("receivedBy", 101)]
    [InlineData("location", 201)]
    [InlineData("note", 1001)]
    public async Task RecordHandover_refuses_blank_or_over_long_text(string field, object value)
    {
        var household = (await scenario.VillageAsync()).Household;
        var seed = await scenario.LotAsync(50);
        var text = value is int length ? new string('x', length) : (string)value;
        var lines = new[] { LedgerScenario.Take(seed) };
        object input = field switch
        {
            "receivedBy" => new { recipientId = household, receivedBy = text, lines },
            "location" => new { recipientId = household, receivedBy = "马文德", location = text, lines },
            _ => new { recipientId = household, receivedBy = "马文德", note = text, lines },
        };

        await scenario.RefusedAsync(() => HandOverAsync(input), "VALIDATION_FAILED", field);
    }

    [Theory]
    [InlineData("2099-01-01T00:00:00Z")]
    [InlineData("1999-12-31T23:59:00Z")]
    public async Task RecordHandover_refuses_a_time_in_the_future_or_before_2000(string at)
    {
        var household = (await scenario.VillageAsync()).Household;
        var seed = await scenario.LotAsync(50);
        var handedOverAt = DateTime.Parse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

        await scenario.RefusedAsync(
            () => HandOverAsync(new { recipientId = household, receivedBy = "马文德", handedOverAt, lines = new[] { LedgerScenario.Take(seed) } }),
            "VALIDATION_FAILED",
            "handedOverAt");
    }
}
