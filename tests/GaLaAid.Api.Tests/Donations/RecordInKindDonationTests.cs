using GaLaAid.Api.Data;
using GaLaAid.Api.Donations;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Labels;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Donations;

public sealed class RecordInKindDonationTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string Selection = """
        {
          id receivedOn note recordedBy recordedAt totalQuantity estimatedValueFen
          donor { id } pledge { id }
          lines {
            id lineNumber description quantity unit estimatedUnitValueFen estimatedValueFen condition tracking
            category { id name } plannedRecipient { id }
            items { totalCount nodes { id labelCode tracking receivedQuantity quantityOnHand } }
          }
        }
        """;

    private readonly LedgerScenario scenario = new(app);

    private Task<MutationResult> RecordAsync(object input) =>
        scenario.Client.MutateAsync("recordInKindDonation", "inKindDonation", Selection, input);

    private async Task<object> InputWithLineAsync(object line) =>
        new { donorId = await scenario.DonorAsync(), receivedOn = LedgerScenario.Today(), lines = new[] { line } };

    private static object TvLine(int quantity = 1) =>
        new { categoryId = LedgerScenario.CategoryId(LedgerScenario.TvSet), description = "32寸液晶电视", quantity, estimatedUnitValueFen = 120_000, tracking = "PER_UNIT" };

    [Fact]
    public async Task RecordInKindDonation_receives_one_labelled_item_per_unit_and_one_lot_per_bulk_line()
    {
        var donorId = await scenario.DonorAsync("县农业局");
        var household = (await scenario.VillageAsync()).Household;
        var before = await app.LedgerCountsAsync();
        var from = DateTime.UtcNow;

        var donation = (await RecordAsync(new
        {
            donorId,
            receivedOn = "2026-04-02",
            note = "春耕物资",
            lines = new object[]
            {
                new { categoryId = LedgerScenario.CategoryId(LedgerScenario.TvSet), description = " 32寸液晶电视 ", quantity = 3, estimatedUnitValueFen = 120_000, condition = "GOOD", tracking = "PER_UNIT", plannedRecipientId = household },
                new { categoryId = LedgerScenario.CategoryId(LedgerScenario.Seed), description = "马铃薯种薯", quantity = 200, unit = "斤", estimatedUnitValueFen = 250, tracking = "LOT" },
            },
        })).Ok();

        var to = DateTime.UtcNow;
        Assert.Equal("2026-04-02", (string?)donation["receivedOn"]);
        Assert.Equal(donorId, (string?)donation["donor"]!["id"]);
        Assert.Equal(203, (long)donation["totalQuantity"]!);
        Assert.Equal((3 * 120_000) + (200 * 250), (long)donation["estimatedValueFen"]!);
        Assert.Equal("admin", (string?)donation["recordedBy"]);

        var tvs = donation["lines"]![0]!;
        Assert.Equal(1, (int)tvs["lineNumber"]!);
        Assert.Equal("32寸液晶电视", (string?)tvs["description"]);
        Assert.Equal("台", (string?)tvs["unit"]);
        Assert.Equal("GOOD", (string?)tvs["condition"]);
        Assert.Equal("PER_UNIT", (string?)tvs["tracking"]);
        Assert.Equal("电视机", (string?)tvs["category"]!["name"]);
        Assert.Equal(household, (string?)tvs["plannedRecipient"]!["id"]);
        Assert.Equal(3, (int)tvs["items"]!["totalCount"]!);
        Assert.All(tvs["items"]!["nodes"]!.AsArray(), item =>
        {
            Assert.Equal("PER_UNIT", (string?)item!["tracking"]);
            Assert.Equal(1, (int)item["receivedQuantity"]!);
            Assert.Equal(1, (int)item["quantityOnHand"]!);
        });

        var seed = donation["lines"]![1]!;
        Assert.Equal(2, (int)seed["lineNumber"]!);
        Assert.Equal("斤", (string?)seed["unit"]);
        Assert.Equal("NEW", (string?)seed["condition"]);
        Assert.Equal(50_000, (long)seed["estimatedValueFen"]!);
        Assert.Null(seed["plannedRecipient"]);
        var lot = Assert.Single(seed["items"]!["nodes"]!.AsArray())!;
        Assert.Equal("LOT", (string?)lot["tracking"]);
        Assert.Equal(200, (int)lot["receivedQuantity"]!);
        Assert.Equal(200, (int)lot["quantityOnHand"]!);

        var codes = tvs["items"]!["nodes"]!.AsArray().Append(lot).Select(i => (string)i!["labelCode"]!).ToList();
        Assert.Equal(4, codes.Distinct().Count());
        Assert.All(codes, code => Assert.True(LabelCode.TryNormalize(code, out var canonical) && canonical == code, code));

        var id = (int)LedgerScenario.RowId((string?)donation["id"], "InKindDonation");
        var stored = await app.QueryDatabaseAsync(async db => new
        {
            Donation = await db.InKindDonations.SingleAsync(d => d.Id == id),
            Lines = await db.DonationLines.Where(l => l.DonationId == id).OrderBy(l => l.LineNumber).ToListAsync(),
            Items = await db.StockItems.Where(i => db.DonationLines.Any(l => l.DonationId == id && l.Id == i.DonationLineId)).OrderBy(i => i.Id).ToListAsync(),
            Entries = await db.StockEntries
                .Where(e => db.StockItems.Any(i => i.Id == e.StockItemId && db.DonationLines.Any(l => l.DonationId == id && l.Id == i.DonationLineId)))
                .OrderBy(e => e.Id).ToListAsync(),
        });
        Assert.Equal("春耕物资", stored.Donation.Note);
        LedgerScenario.RecordedBetween(from, stored.Donation.RecordedAt, to);
        Assert.Equal([3, 200], stored.Lines.Select(l => l.Quantity));
        Assert.Equal([TrackingMode.PerUnit, TrackingMode.Lot], stored.Lines.Select(l => l.Tracking));
        Assert.Equal((int?)LedgerScenario.RowId(household, "Recipient"), stored.Lines[0].PlannedRecipientId);
        Assert.Equal([1, 1, 1, 200], stored.Items.Select(i => i.QuantityOnHand));
        Assert.Equal(codes.Order(StringComparer.Ordinal), stored.Items.Select(i => i.LabelCode).Order(StringComparer.Ordinal));
        Assert.Equal(stored.Items.Select(i => i.Id), stored.Entries.Select(e => e.StockItemId));
        Assert.All(stored.Entries, entry =>
        {
            Assert.Equal(LedgerEntryKind.Received, entry.Kind);
            Assert.Null(entry.HandoverId);
            Assert.Equal("admin", entry.RecordedBy);
            LedgerScenario.RecordedBetween(from, entry.RecordedAt, to);
        });
        Assert.Equal([1, 1, 1, 200], stored.Entries.Select(e => e.Quantity));
        Assert.Equal(
            before with
            {
                InKindDonations = before.InKindDonations + 1,
                DonationLines = before.DonationLines + 2,
                StockItems = before.StockItems + 4,
                StockEntries = before.StockEntries + 4,
                QuantityOnHand = before.QuantityOnHand + 203,
                AuditEntries = before.AuditEntries + 1,
            },
            await app.LedgerCountsAsync());
    }

    [Fact]
    public async Task RecordInKindDonation_receives_the_largest_per_unit_line_in_one_write_that_audits_every_row()
    {
        var before = await app.LedgerCountsAsync();

        var donation = (await scenario.Client.MutateAsync(
            "recordInKindDonation",
            "inKindDonation",
            "{ id totalQuantity lines { items(last: 1) { totalCount nodes { labelCode quantityOnHand } } } }",
            await InputWithLineAsync(TvLine(RecordInKindDonation.MaxPerUnitItems)))).Ok();

        Assert.Equal(RecordInKindDonation.MaxPerUnitItems, (long)donation["totalQuantity"]!);
        Assert.Equal(RecordInKindDonation.MaxPerUnitItems, (int)donation["lines"]![0]!["items"]!["totalCount"]!);
        var stored = await app.QueryDatabaseAsync(async db =>
        {
            var lineId = await db.DonationLines.Where(l => l.Quantity == RecordInKindDonation.MaxPerUnitItems).Select(l => l.Id).SingleAsync();
            var items = db.StockItems.Where(i => i.DonationLineId == lineId);
            return new
            {
                DistinctCodes = await items.Select(i => i.LabelCode).Distinct().CountAsync(),
                ItemsWithOneReceivedEntry = await items.CountAsync(i => db.StockEntries.Count(e => e.StockItemId == i.Id && e.Kind == LedgerEntryKind.Received && e.Quantity == 1) == 1),
            };
        });
        Assert.Equal(RecordInKindDonation.MaxPerUnitItems, stored.DistinctCodes);
        Assert.Equal(RecordInKindDonation.MaxPerUnitItems, stored.ItemsWithOneReceivedEntry);
        Assert.Equal(
            before with
            {
                Donors = before.Donors + 1,
                InKindDonations = before.InKindDonations + 1,
                DonationLines = before.DonationLines + 1,
                StockItems = before.StockItems + RecordInKindDonation.MaxPerUnitItems,
                StockEntries = before.StockEntries + RecordInKindDonation.MaxPerUnitItems,
                QuantityOnHand = before.QuantityOnHand + RecordInKindDonation.MaxPerUnitItems,
                AuditEntries = before.AuditEntries + 2,
            },
            await app.LedgerCountsAsync());

        // One entry names the donation, its line, every item and every Received entry.
        var head = (await scenario.Client.DataAsync("{ auditTrail(last: 1) { nodes { operation writes(first: 1) { totalCount } } } }"))["auditTrail"]!["nodes"]![0]!;
        Assert.Equal("recordInKindDonation", (string?)head["operation"]);
        Assert.Equal(2 + (2 * RecordInKindDonation.MaxPerUnitItems), (int)head["writes"]!["totalCount"]!);
    }

    [Fact]
    public async Task RecordInKindDonation_fulfils_the_donors_own_goods_pledge()
    {
        var donorId = await scenario.DonorAsync();
        var pledgeId = (string)(await scenario.Client.MutateAsync("recordPledge", "pledge", "{ id }", new { donorId, kind = "GOODS", description = "电视机三台" })).Ok()["id"]!;

        var donation = (await RecordAsync(new { donorId, receivedOn = LedgerScenario.Today(), pledgeId, lines = new[] { TvLine() } })).Ok();

        Assert.Equal(pledgeId, (string?)donation["pledge"]!["id"]);
        var data = await scenario.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Pledge { inKindDonations { id } } } }", new { id = pledgeId });
        Assert.Equal((string?)donation["id"], (string?)Assert.Single(data["node"]!["inKindDonations"]!.AsArray())!["id"]);
    }

    [Theory]
    [InlineData("LOT", 0)]
    [InlineData("LOT", -5)]
    [InlineData("LOT", InputCheck.MaxQuantity + 1)]
    [InlineData("PER_UNIT", 0)]
    [InlineData("PER_UNIT", RecordInKindDonation.MaxPerUnitItems + 1)]
    public async Task RecordInKindDonation_refuses_a_quantity_out_of_range(string tracking, int quantity)
    {
        var input = await InputWithLineAsync(new { categoryId = LedgerScenario.CategoryId(LedgerScenario.Seed), description = "种子", quantity, estimatedUnitValueFen = 0, tracking });

        await scenario.RefusedAsync(() => RecordAsync(input), "VALIDATION_FAILED", "lines[0].quantity");
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(InputCheck.MaxAmountFen + 1)]
    public async Task RecordInKindDonation_refuses_a_negative_or_absurd_unit_value(long estimatedUnitValueFen)
    {
        var input = await InputWithLineAsync(new { categoryId = LedgerScenario.CategoryId(LedgerScenario.Seed), description = "种子", quantity = 1, estimatedUnitValueFen, tracking = "LOT" });

        await scenario.RefusedAsync(() => RecordAsync(input), "VALIDATION_FAILED", "lines[0].estimatedUnitValueFen");
    }

    [Theory]
    [InlineData("description", "  ")]
    [InlineData("description", 501)]
    [InlineData("unit", 17)]
    public async Task RecordInKindDonation_refuses_blank_or_over_long_line_text(string field, object value)
    {
        var text = value is int length ? new string('x', length) : (string)value;
        var line = field == "description"
            ? new { categoryId = LedgerScenario.CategoryId(LedgerScenario.Seed), description = text, quantity = 1, unit = (string?)null, estimatedUnitValueFen = 0, tracking = "LOT" }
            : new { categoryId = LedgerScenario.CategoryId(LedgerScenario.Seed), description = "种子", quantity = 1, unit = (string?)text, estimatedUnitValueFen = 0, tracking = "LOT" };

        var input = await InputWithLineAsync(line);

        await scenario.RefusedAsync(() => RecordAsync(input), "VALIDATION_FAILED", $"lines[0].{field}");
    }

    [Fact]
    public async Task RecordInKindDonation_refuses_a_category_group_instead_of_a_kind()
    {
        var input = await InputWithLineAsync(new { categoryId = LedgerScenario.CategoryId(LedgerScenario.Appliances), description = "电器", quantity = 1, estimatedUnitValueFen = 0, tracking = "PER_UNIT" });

        await scenario.RefusedAsync(() => RecordAsync(input), "VALIDATION_FAILED", "lines[0].categoryId");
    }

    [Fact]
    public async Task RecordInKindDonation_refuses_an_unknown_category_on_any_line()
    {
        var input = new
        {
            donorId = await scenario.DonorAsync(),
            receivedOn = LedgerScenario.Today(),
            lines = new[]
            {
                TvLine(),
                new { categoryId = GlobalId.Encode("Category", 9_999), description = "不明物资", quantity = 1, estimatedUnitValueFen = 120_000L, tracking = "PER_UNIT" },
            },
        };

        await scenario.RefusedAsync(() => RecordAsync(input), "NOT_FOUND", "lines[1].categoryId");
    }

    [Theory]
    [InlineData("category")]
    [InlineData("donor")]
    [InlineData("recipient")]
    public async Task RecordInKindDonation_refuses_a_malformed_id_or_the_id_of_another_type(string which)
    {
        var input = new
        {
            donorId = which == "donor" ? GlobalId.Encode("Fund", 1) : await scenario.DonorAsync(),
            receivedOn = LedgerScenario.Today(),
            lines = new[]
            {
                new
                {
                    categoryId = which == "category" ? "Category:201" : LedgerScenario.CategoryId(LedgerScenario.TvSet),
                    description = "电视机",
                    quantity = 1,
                    estimatedUnitValueFen = 0,
                    tracking = "PER_UNIT",
                    plannedRecipientId = which == "recipient" ? GlobalId.Encode("Donor", 1) : null,
                },
            },
        };
        var field = which switch { "category" => "lines[0].categoryId", "donor" => "donorId", _ => "lines[0].plannedRecipientId" };

        await scenario.RefusedAsync(() => RecordAsync(input), "INVALID_ID", field);
    }

    [Theory]
    [InlineData("donorId")]
    [InlineData("lines[0].plannedRecipientId")]
    [InlineData("pledgeId")]
    public async Task RecordInKindDonation_refuses_an_unknown_donor_recipient_or_pledge(string field)
    {
        var input = new
        {
            donorId = field == "donorId" ? GlobalId.Encode("Donor", 987_654) : await scenario.DonorAsync(),
            receivedOn = LedgerScenario.Today(),
            pledgeId = field == "pledgeId" ? GlobalId.Encode("Pledge", 987_654) : null,
            lines = new[]
            {
                new
                {
                    categoryId = LedgerScenario.CategoryId(LedgerScenario.TvSet),
                    description = "电视机",
                    quantity = 2,
                    estimatedUnitValueFen = 0,
                    tracking = "PER_UNIT",
                    plannedRecipientId = field.StartsWith("lines", StringComparison.Ordinal) ? GlobalId.Encode("Recipient", 987_654) : null,
                },
            },
        };

        await scenario.RefusedAsync(() => RecordAsync(input), "NOT_FOUND", field);
    }

    [Theory]
    [InlineData("2000-01-01", true)]
    [InlineData("1999-12-31", false)]
    [InlineData("+1d", true)]
    [InlineData("+3d", false)]
    public async Task RecordInKindDonation_refuses_a_date_out_of_range(string receivedOn, bool accepted)
    {
        receivedOn = receivedOn switch
        {
            "+1d" => LedgerScenario.Today(1),
            "+3d" => LedgerScenario.Today(3),
            _ => receivedOn,
        };
        var input = new { donorId = await scenario.DonorAsync(), receivedOn, lines = new[] { TvLine() } };

        if (accepted)
        {
            Assert.Equal(receivedOn, (string?)(await RecordAsync(input)).Ok()["receivedOn"]);
        }
        else
        {
            await scenario.RefusedAsync(() => RecordAsync(input), "VALIDATION_FAILED", "receivedOn");
        }
    }

    [Fact]
    public async Task RecordInKindDonation_refuses_a_donation_without_lines()
    {
        var input = new { donorId = await scenario.DonorAsync(), receivedOn = LedgerScenario.Today(), lines = Array.Empty<object>() };

        await scenario.RefusedAsync(() => RecordAsync(input), "VALIDATION_FAILED", "lines");
    }

    [Fact]
    public async Task RecordInKindDonation_refuses_more_than_200_lines()
    {
        var input = new { donorId = await scenario.DonorAsync(), receivedOn = LedgerScenario.Today(), lines = Enumerable.Repeat(TvLine(), 201).ToArray() };

        await scenario.RefusedAsync(() => RecordAsync(input), "VALIDATION_FAILED", "lines");
    }

    [Fact]
    public async Task RecordInKindDonation_refuses_a_pledge_of_another_donor()
    {
        var pledgeId = (string)(await scenario.Client.MutateAsync(
            "recordPledge", "pledge", "{ id }", new { donorId = await scenario.DonorAsync("别的单位"), kind = "GOODS", description = "电视机" })).Ok()["id"]!;
        var input = new { donorId = await scenario.DonorAsync(), receivedOn = LedgerScenario.Today(), pledgeId, lines = new[] { TvLine() } };

        await scenario.RefusedAsync(() => RecordAsync(input), "VALIDATION_FAILED", "pledgeId");
    }

    [Fact]
    public async Task RecordInKindDonation_refuses_a_pledge_of_cash()
    {
        var donorId = await scenario.DonorAsync();
        var pledgeId = (string)(await scenario.Client.MutateAsync(
            "recordPledge", "pledge", "{ id }", new { donorId, kind = "CASH", description = "慰问金", promisedAmountFen = 100_000 })).Ok()["id"]!;
        var input = new { donorId, receivedOn = LedgerScenario.Today(), pledgeId, lines = new[] { TvLine() } };

        await scenario.RefusedAsync(() => RecordAsync(input), "VALIDATION_FAILED", "pledgeId");
    }
}
