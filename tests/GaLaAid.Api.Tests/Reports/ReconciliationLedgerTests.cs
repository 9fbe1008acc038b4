using System.Globalization;
using System.Text.Json.Nodes;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Tests.Accounts;

namespace GaLaAid.Api.Tests.Reports;

/// <summary>
/// Reconciliation over periods the test draws on a fake clock: each movement is recorded at a known
/// moment, and the report splits the ledger at those moments. Each test keeps to its own donors and
/// funds, whose rows no other test touches.
/// </summary>
public sealed class ReconciliationLedgerTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    private readonly LedgerScenario scenario = new(app);

    private GraphQLClient Client => scenario.Client;

    [Fact]
    public async Task Goods_open_move_and_close_across_a_period_split_at_known_moments()
    {
        var village = await scenario.VillageAsync();
        var lot = Assert.Single(await scenario.DonateAsync(LedgerScenario.Line(LedgerScenario.Seed, 100, "LOT", estimatedUnitValueFen: 300)));
        var donor = await DonorOfAsync(lot);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var from = app.Now;
        (await scenario.HandOverAsync(village.Household, LedgerScenario.Take(lot, 30))).Ok();
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        (await Client.MutateAsync("adjustStock", "entry", "{ id }", new { itemId = lot.Id, quantityChange = -5, reason = "受潮" })).Ok();
        app.Clock.Advance(TimeSpan.FromHours(1));
        var to = app.Now;
        (await scenario.HandOverAsync(village.Unit, LedgerScenario.Take(lot, 20))).Ok();

        var row = Row(await ReconcileAsync("DONOR", from, to), donor);

        var quantity = row["goods"]!["quantity"]!;
        Assert.Equal([100L, 0, 30, -5, 0, 65, -20], Figures(quantity));
        Assert.True((bool)quantity["adds"]!);
        Assert.Equal([30_000L, 0, 9_000, -1_500, 0, 19_500, -6_000], Figures(row["goods"]!["valueFen"]!));
        Assert.Equal(45, (long)row["goods"]!["cachedQuantityOnHand"]!);
        Assert.Equal(13_500, (long)row["goods"]!["cachedValueOnHandFen"]!);
        Assert.True((bool)row["balances"]!);

        var before = Row(await ReconcileAsync("DONOR", null, from), donor)["goods"]!["quantity"]!;
        Assert.Equal([0L, 100, 0, 0, 0, 100, -55], Figures(before));
    }

    [Fact]
    public async Task A_from_at_the_moment_of_an_entry_includes_it_and_a_to_at_that_moment_excludes_it()
    {
        var village = await scenario.VillageAsync();
        app.Clock.Advance(TimeSpan.FromHours(1));
        var lot = await scenario.LotAsync(10);
        var donor = await DonorOfAsync(lot);
        var at = app.Now;
        app.Clock.Advance(TimeSpan.FromHours(1));
        (await scenario.HandOverAsync(village.Household, LedgerScenario.Take(lot, 4))).Ok();

        var starting = Row(await ReconcileAsync("DONOR", at, null), donor)["goods"]!["quantity"]!;
        var ending = Row(await ReconcileAsync("DONOR", null, at), donor)["goods"]!["quantity"]!;

        Assert.Equal([0L, 10, 4, 0, 0, 6, 0], Figures(starting));
        Assert.Equal([0L, 0, 0, 0, 0, 0, 6], Figures(ending));
    }

    [Fact]
    public async Task Cash_in_a_fund_opens_is_paid_out_adjusted_and_reversed_within_the_period()
    {
        var village = await scenario.VillageAsync();
        var fund = await scenario.FundAsync(1_000_000);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var from = app.Now;
        var payment = (await Client.MutateAsync(
            "recordDisbursement", "disbursement", "{ id }",
            new { fundId = fund, recipientId = village.Household, amountFen = 300_000, purpose = "慰问金", paidOn = LedgerScenario.Today() })).Ok();
        (await Client.MutateAsync("adjustFund", "entry", "{ id }", new { fundId = fund, amountFenChange = -100, reason = "点钞短款" })).Ok();
        var paid = (await scenario.FundEntriesAsync(fund)).Single(e => (string?)e!["kind"] == "DISBURSED")!;
        (await Client.MutateAsync("reverseFundEntry", "entry", "{ id }", new { entryId = (string)paid["id"]!, reason = "发错户" })).Ok();
        app.Clock.Advance(TimeSpan.FromHours(1));
        var to = app.Now;

        var fundRow = Row(await ReconcileAsync("FUND", from, to), fund);
        var recipients = await ReconcileAsync("RECIPIENT", from, to);

        var cash = fundRow["cash"]!["amountFen"]!;
        Assert.Equal([1_000_000L, 0, 300_000, -100, 300_000, 999_900, 0], Figures(cash));
        Assert.Equal(999_900, (long)fundRow["cash"]!["cachedBalanceFen"]!);
        Assert.True((bool)fundRow["balances"]!);
        var household = Row(recipients, village.Household)["cash"]!["amountFen"]!;
        Assert.Equal([0L, 300_000, 0, 0, -300_000, 0, 0], Figures(household));
        Assert.Null(Row(recipients, village.Household)["cash"]!["cachedBalanceFen"]);
        Assert.NotNull(payment["id"]);
    }

    [Fact]
    public async Task A_reversed_receipt_and_a_reversed_handover_show_as_reversals_and_the_ledger_still_balances()
    {
        var village = await scenario.VillageAsync();
        var tvs = await scenario.PerUnitAsync(2);
        var donor = await DonorOfAsync(tvs[0]);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var from = app.Now;
        var handover = (await scenario.HandOverAsync(village.Household, LedgerScenario.Take(tvs[0]))).Ok();
        await ReverseStockAsync((string)handover["entries"]![0]!["id"]!);
        var receipt = (await scenario.StockEntriesAsync(tvs[1])).Single(e => (string?)e!["kind"] == "RECEIVED")!;
        await ReverseStockAsync((string)receipt["id"]!);

        var reconciliation = await ReconcileAsync("DONOR", from, null);
        var recipients = await ReconcileAsync("RECIPIENT", from, null);

        var quantity = Row(reconciliation, donor)["goods"]!["quantity"]!;
        Assert.Equal([2L, 0, 1, 0, 0, 1, 0], Figures(quantity));
        Assert.True((bool)reconciliation["balances"]!, reconciliation.ToJsonString());
        var household = Row(recipients, village.Household)["goods"]!["quantity"]!;
        Assert.Equal([0L, 1, 0, 0, -1, 0, 0], Figures(household));
        Assert.True((bool)recipients["balances"]!);
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_refused()
    {
        var response = await Client.SendAsync(ReconciliationDemoTests.Query("FUND"), new { from = "2026-01-02T00:00:00Z", to = "2026-01-01T00:00:00Z" });

        Assert.Contains("VALIDATION_FAILED", response.Codes());
        Assert.Contains("'from'", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_takes_the_same_few_sql_commands_for_a_small_and_a_larger_ledger()
    {
        var village = await scenario.VillageAsync();
        var counts = new List<int>();
        foreach (var size in new[] { 1, 40 })
        {
            var items = await scenario.PerUnitAsync(size);
            (await scenario.HandOverAsync(village.Household, items.Select(i => LedgerScenario.Take(i)).ToArray())).Ok();
            await scenario.FundAsync(size * 100L);
            foreach (var groupBy in new[] { "CATEGORY", "DONOR", "RECIPIENT", "FUND" })
            {
                app.SqlCommands.Reset();
                await Client.DataAsync(ReconciliationDemoTests.Query(groupBy));
                counts.Add(app.SqlCommands.Count);
            }
        }

        Assert.Equal(counts.Take(4), counts.Skip(4));
        // Authentication, then at most goods sums, cached stock, names, cash sums and funds.
        Assert.All(counts, count => Assert.InRange(count, 1, 8));
    }

    [Fact]
    public async Task Volunteers_may_not_read_the_reports()
    {
        var volunteer = await app.GraphQLAsAsync(Role.Volunteer);

        foreach (var query in new[]
                 {
                     "{ reconciliation(groupBy: CATEGORY) { balances } }",
                     "{ pledgeFulfilment { fulfilled } }",
                     "{ householdCoverage { households { name } } }",
                 })
        {
            (await volunteer.SendAsync(query)).AssertForbidden();
            foreach (var role in new[] { Role.Staff, Role.Auditor })
            {
                await (await app.GraphQLAsAsync(role)).DataAsync(query);
            }
        }
    }

    private async Task<JsonNode> ReconcileAsync(string groupBy, DateTime? from, DateTime? to) =>
        (await Client.DataAsync(ReconciliationDemoTests.Query(groupBy), new { from = Text(from), to = Text(to) }))["reconciliation"]!;

    private async Task ReverseStockAsync(string entryId) =>
        (await Client.MutateAsync("reverseStockEntry", "entry", "{ id }", new { entryId, reason = "录错" })).Ok();

    private async Task<string> DonorOfAsync(LedgerScenario.Item item) =>
        (string)(await Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Item { line { donation { donor { id } } } } } }", new { id = item.Id }))
            ["node"]!["line"]!["donation"]!["donor"]!["id"]!;

    private static string? Text(DateTime? moment) => moment?.ToString("O", CultureInfo.InvariantCulture);

    private static JsonNode Row(JsonNode reconciliation, string id) =>
        reconciliation["rows"]!.AsArray().Single(r => (string?)r!["id"] == id)!;

    private static readonly string[] FigureNames = ["opening", "received", "distributed", "adjusted", "reversed", "closing", "after"];

    private static long[] Figures(JsonNode figures) => FigureNames.Select(name => (long)figures[name]!).ToArray();
}
