using System.Text.Json.Nodes;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.Tests.Seed;

namespace GaLaAid.Api.Tests.Reports;

/// <summary>The reconciliation of the Gala village demo: every grouping balances with the known totals.</summary>
public sealed class ReconciliationDemoTests(DemoSeededApp app) : IClassFixture<DemoSeededApp>
{
    public const string Figures = "opening received distributed adjusted reversed closing after adds";

    public const string RowSelection = $$"""
        kind id name balances
        goods { quantity { {{Figures}} } valueFen { {{Figures}} } cachedQuantityOnHand cachedValueOnHandFen balances }
        cash { amountFen { {{Figures}} } cachedBalanceFen balances }
        """;

    public static string Query(string groupBy) => $$"""
        query($from: DateTime, $to: DateTime) {
          reconciliation(groupBy: {{groupBy}}, from: $from, to: $to) {
            groupBy balances
            rows { {{RowSelection}} }
            totals { {{RowSelection}} }
          }
        }
        """;

    // 443 office items and the 24 rooms of the prefab building, all handed over.
    private const long AllGoods = 443 + 24;

    [Theory]
    [InlineData("CATEGORY")]
    [InlineData("DONOR")]
    [InlineData("RECIPIENT")]
    [InlineData("FUND")]
    public async Task The_demo_balances_in_every_grouping(string groupBy)
    {
        var reconciliation = (await (await app.GraphQLAsAsync(Role.Auditor)).DataAsync(Query(groupBy)))["reconciliation"]!;

        Assert.True((bool)reconciliation["balances"]!, reconciliation.ToJsonString());
        var rows = reconciliation["rows"]!.AsArray().Select(r => r!).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.True((bool)row["balances"]!, row.ToJsonString()));
        var totals = reconciliation["totals"]!;
        Assert.Equal("TOTAL", (string?)totals["kind"]);
        if (groupBy != "FUND")
        {
            var quantity = totals["goods"]!["quantity"]!;
            Assert.Equal(0, (long)quantity["opening"]!);
            Assert.Equal(AllGoods, (long)quantity["received"]!);
            Assert.Equal(AllGoods, (long)quantity["distributed"]!);
            Assert.Equal(0, (long)quantity["closing"]!);
            Assert.Equal(0, (long)totals["goods"]!["cachedQuantityOnHand"]!);
            var value = totals["goods"]!["valueFen"]!;
            Assert.Equal((long)value["received"]!, (long)value["distributed"]!);
            Assert.True((long)value["received"]! > 3_000_000);
        }
        else
        {
            Assert.Null(totals["goods"]);
        }

        if (groupBy != "CATEGORY")
        {
            var cash = totals["cash"]!["amountFen"]!;
            Assert.Equal(1_100_000, (long)cash["received"]!);
            Assert.Equal(600_000, (long)cash["distributed"]!);
            Assert.Equal(500_000, (long)cash["closing"]!);
            Assert.Equal(500_000, (long)totals["cash"]!["cachedBalanceFen"]!);
        }
        else
        {
            Assert.Null(totals["cash"]);
        }
    }

    [Fact]
    public async Task Categories_sum_to_the_443_office_items_in_24_kinds_and_the_prefab_rooms()
    {
        var rows = Rows((await app.GraphQL().DataAsync(Query("CATEGORY")))["reconciliation"]!);

        Assert.Equal(25, rows.Count);
        Assert.All(rows, r => Assert.Equal("CATEGORY", (string?)r["kind"]));
        Assert.Equal(AllGoods, rows.Sum(r => (long)r["goods"]!["quantity"]!["received"]!));
        Assert.Equal(24, (long)rows.Single(r => (string?)r["name"] == "活动板房")["goods"]!["quantity"]!["distributed"]!);
        Assert.All(rows, r => Assert.Null(r["cash"]));
    }

    [Fact]
    public async Task Donors_show_the_office_goods_and_each_cash_gift()
    {
        var rows = Rows((await app.GraphQL().DataAsync(Query("DONOR")))["reconciliation"]!);

        var office = rows.Single(r => (string?)r["name"] == "州委办公室");
        Assert.Equal(AllGoods, (long)office["goods"]!["quantity"]!["received"]!);
        Assert.Equal(0, (long)office["goods"]!["cachedQuantityOnHand"]!);
        Assert.Equal(500_000, (long)rows.Single(r => (string?)r["name"] == "州委办公室党支部")["cash"]!["amountFen"]!["received"]!);
        Assert.Equal(600_000, (long)rows.Single(r => (string?)r["name"] == "州委办公室党员干部")["cash"]!["amountFen"]!["closing"]!);
        Assert.All(rows, r => Assert.Null(r["cash"]!["cachedBalanceFen"]));
    }

    [Fact]
    public async Task Recipients_show_the_office_then_the_committee_the_9_units_and_the_12_households_paid()
    {
        var rows = Rows((await app.GraphQL().DataAsync(Query("RECIPIENT")))["reconciliation"]!);

        var office = rows[0];
        Assert.Equal("OFFICE", (string?)office["kind"]);
        Assert.Equal(0, (long)office["goods"]!["quantity"]!["closing"]!);
        Assert.Equal(500_000, (long)office["cash"]!["amountFen"]!["closing"]!);
        var recipients = rows.Skip(1).ToList();
        Assert.All(recipients, r => Assert.Equal("RECIPIENT", (string?)r["kind"]));
        Assert.Equal(1 + 9 + 12, recipients.Count);
        Assert.Equal(AllGoods, recipients.Sum(r => (long)r["goods"]!["quantity"]!["received"]!));
        Assert.Equal(AllGoods, recipients.Sum(r => (long)r["goods"]!["quantity"]!["closing"]!));
        Assert.Equal(12, recipients.Count(r => (long)r["cash"]!["amountFen"]!["closing"]! == 50_000));
        Assert.All(recipients, r => Assert.Equal(0, (long)r["goods"]!["quantity"]!["distributed"]!));
        Assert.All(recipients, r => Assert.Null(r["goods"]!["cachedQuantityOnHand"]));
    }

    [Fact]
    public async Task Funds_hold_what_came_in_less_the_condolence_payments()
    {
        var rows = Rows((await app.GraphQL().DataAsync(Query("FUND")))["reconciliation"]!);

        Assert.Equal(2, rows.Count);
        Assert.Equal(500_000, rows.Sum(r => (long)r["cash"]!["amountFen"]!["closing"]!));
        Assert.Equal(600_000, rows.Sum(r => (long)r["cash"]!["amountFen"]!["distributed"]!));
        Assert.All(rows, r => Assert.Equal((long)r["cash"]!["amountFen"]!["closing"]!, (long)r["cash"]!["cachedBalanceFen"]!));
    }

    [Fact]
    public async Task A_period_that_ends_before_the_ledger_began_opens_and_closes_empty_with_everything_after()
    {
        var rows = Rows((await app.GraphQL().DataAsync(Query("FUND"), new { to = "2016-01-01T00:00:00Z" }))["reconciliation"]!);

        Assert.All(rows, r =>
        {
            var cash = r["cash"]!["amountFen"]!;
            Assert.Equal(0, (long)cash["closing"]!);
            Assert.Equal((long)r["cash"]!["cachedBalanceFen"]!, (long)cash["after"]!);
            Assert.True((bool)r["balances"]!);
        });
    }

    [Fact]
    public async Task Coverage_of_the_demo_shows_the_12_households_paid_condolence_money_and_150_that_received_nothing_themselves()
    {
        var coverage = (await (await app.GraphQLAsAsync(Role.Auditor)).DataAsync(HouseholdCoverageTests.Query))["householdCoverage"]!;

        var households = coverage["households"]!.AsArray().Select(h => h!).ToList();
        Assert.Equal(162, households.Count);
        var paid = households.Where(h => (long)h["cashFen"]! > 0).ToList();
        Assert.Equal(12, paid.Count);
        Assert.All(paid, h =>
        {
            Assert.Equal(50_000, (long)h["totalFen"]!);
            Assert.Equal(HouseholdAidDivision(50_000, (int)h["memberCount"]!), (long)h["perMemberFen"]!);
        });
        // The office's goods went to the committee and the units, not to households.
        Assert.All(households, h => Assert.Equal(0, (long)h["goodsQuantity"]!));
        Assert.Equal(150, coverage["receivedNothing"]!.AsArray().Count);
        Assert.Empty(coverage["multiUnitHouseholds"]!.AsArray());
        var units = coverage["socialUnits"]!.AsArray().Select(u => u!).ToList();
        Assert.Equal(Enumerable.Range(1, 9), units.Select(u => (int)u["unitNumber"]!));
        Assert.Equal(546, units.Sum(u => (int)u["members"]!));
        Assert.Equal(600_000, units.Sum(u => (long)u["cashFen"]!));
        Assert.Equal(150, units.Sum(u => (int)u["householdsReceivingNothing"]!));
        Assert.All(units, u => Assert.Equal(0, (long)u["minPerHouseholdFen"]!));
    }

    private static long HouseholdAidDivision(long fen, int members) => (long)Math.Round((decimal)fen / members, MidpointRounding.AwayFromZero);

    private static List<JsonNode> Rows(JsonNode reconciliation) => reconciliation["rows"]!.AsArray().Select(r => r!).ToList();
}
