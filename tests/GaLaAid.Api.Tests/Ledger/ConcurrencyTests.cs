using GaLaAid.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Ledger;

/// <summary>
/// Many clients racing for the same stock or cash, each on its own HttpClient, so the requests
/// really run side by side against the one SQLite database.
/// </summary>
public sealed class ConcurrencyTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private readonly LedgerScenario scenario = new(app);

    private async Task<MutationResult[]> RaceAsync(int clients, string mutation, string resultField, Func<int, object> input)
    {
        var graphQLClients = Enumerable.Range(0, clients).Select(_ => app.GraphQL()).ToList();
        return await Task.WhenAll(graphQLClients.Select((client, i) => client.MutateAsync(mutation, resultField, "{ id }", input(i))));
    }

    private static void AssertOutcome(MutationResult[] results, int succeeded, string refusedWith)
    {
        Assert.Equal(succeeded, results.Count(r => r.Errors.Count == 0 && r.Result is not null));
        var refused = results.Where(r => r.Errors.Count > 0).ToList();
        Assert.Equal(results.Length - succeeded, refused.Count);
        Assert.All(refused, r => r.SingleError(refusedWith));
    }

    [Fact]
    public async Task Fifty_concurrent_handovers_of_one_from_a_lot_of_ten_let_exactly_ten_through()
    {
        var household = (await scenario.VillageAsync()).Household;
        var lot = await scenario.LotAsync(10);

        var results = await RaceAsync(50, "recordHandover", "handover", i => new
        {
            recipientId = household,
            receivedBy = $"领取人{i}",
            lines = new[] { LedgerScenario.Take(lot) },
        });

        AssertOutcome(results, succeeded: 10, refusedWith: "INSUFFICIENT_STOCK");
        Assert.Equal(0, await scenario.OnHandAsync(lot));
        var itemId = (int)LedgerScenario.RowId(lot.Id, "Item");
        var recipientId = (int)LedgerScenario.RowId(household, "Recipient");
        var (distributed, handovers, cached) = await app.QueryDatabaseAsync(async db => (
            await db.StockEntries.Where(e => e.StockItemId == itemId && e.Kind == LedgerEntryKind.Distributed).Select(e => e.Quantity).ToListAsync(),
            await db.Handovers.CountAsync(h => h.RecipientId == recipientId),
            await db.StockItems.Where(i => i.Id == itemId).Select(i => i.QuantityOnHand).SingleAsync()));
        Assert.Equal(Enumerable.Repeat(-1, 10), distributed);
        Assert.Equal(10, handovers);
        Assert.Equal(0, cached);
    }

    [Fact]
    public async Task Twenty_concurrent_disbursements_of_100_yuan_from_1000_yuan_let_exactly_ten_through()
    {
        var household = (await scenario.VillageAsync()).Household;
        var fundId = await scenario.FundAsync(100_000);

        var results = await RaceAsync(20, "recordDisbursement", "disbursement", i => new
        {
            fundId,
            recipientId = household,
            amountFen = 10_000,
            purpose = $"慰问金 {i}",
            paidOn = LedgerScenario.Today(),
        });

        AssertOutcome(results, succeeded: 10, refusedWith: "FUND_OVERDRAWN");
        Assert.Equal(0, await scenario.BalanceAsync(fundId));
        var id = (int)LedgerScenario.RowId(fundId, "Fund");
        var (disbursed, disbursements) = await app.QueryDatabaseAsync(async db => (
            await db.FundEntries.Where(e => e.FundId == id && e.Kind == LedgerEntryKind.Disbursed).Select(e => e.AmountFen).ToListAsync(),
            await db.Disbursements.CountAsync(d => d.FundId == id)));
        Assert.Equal(Enumerable.Repeat(-10_000L, 10), disbursed);
        Assert.Equal(10, disbursements);
    }

    [Fact]
    public async Task Ten_concurrent_reversals_of_one_entry_reverse_it_exactly_once()
    {
        var household = (await scenario.VillageAsync()).Household;
        var lot = await scenario.LotAsync(10);
        var distributed = (string)(await scenario.HandOverAsync(household, LedgerScenario.Take(lot, 4))).Ok()["entries"]![0]!["id"]!;

        var results = await RaceAsync(10, "reverseStockEntry", "entry", i => new { entryId = distributed, reason = $"冲销 {i}" });

        AssertOutcome(results, succeeded: 1, refusedWith: "ALREADY_REVERSED");
        Assert.Equal(10, await scenario.OnHandAsync(lot));
        Assert.Equal(["RECEIVED", "DISTRIBUTED", "REVERSAL"], (await scenario.StockEntriesAsync(lot)).Select(e => (string?)e!["kind"]));
    }
}
