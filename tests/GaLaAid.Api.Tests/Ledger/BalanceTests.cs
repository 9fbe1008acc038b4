using GaLaAid.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Ledger;

public sealed class BalanceTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private readonly LedgerScenario scenario = new(app);

    private GraphQLClient Client => scenario.Client;

    private async Task<string> ReverseStockAsync(string entryId) =>
        (string)(await Client.MutateAsync("reverseStockEntry", "entry", "{ id }", new { entryId, reason = "交错了户" })).Ok()["id"]!;

    private async Task ReverseFundAsync(string entryId) =>
        (await Client.MutateAsync("reverseFundEntry", "entry", "{ id }", new { entryId, reason = "录入错误" })).Ok();

    [Fact]
    public async Task Goods_balances_follow_receipts_handovers_adjustments_and_reversals()
    {
        // A kind of its own, so that stockOnHand for it holds only this test's goods.
        var kind = (string)(await Client.MutateAsync(
            "createCategory", "category", "{ id }",
            new { code = $"potato-{Guid.NewGuid():N}", name = "马铃薯种薯", nameEn = "Seed potato", parentId = LedgerScenario.CategoryId(LedgerScenario.Agriculture), defaultUnit = "斤" })).Ok()["id"]!;
        var categoryId = (int)LedgerScenario.RowId(kind, "Category");
        var items = await scenario.DonateAsync(
            LedgerScenario.Line(categoryId, 200, "LOT", estimatedUnitValueFen: 250),
            LedgerScenario.Line(categoryId, 3, "PER_UNIT", estimatedUnitValueFen: 1_000));
        var (lot, units) = (items[0], items.Skip(1).ToList());
        var village = await scenario.VillageAsync();

        var first = (await scenario.HandOverAsync(village.Household, LedgerScenario.Take(lot, 50), LedgerScenario.Take(units[0]))).Ok();
        (await Client.MutateAsync("adjustStock", "entry", "{ id }", new { itemId = lot.Id, quantityChange = -10, reason = "受潮霉变" })).Ok();
        await ReverseStockAsync((string)first["entries"]![0]!["id"]!);
        (await scenario.HandOverAsync(village.Unit, LedgerScenario.Take(lot, 20), LedgerScenario.Take(units[2]))).Ok();
        (await Client.MutateAsync("adjustStock", "entry", "{ id }", new { itemId = units[1].Id, quantityChange = -1, reason = "丢失" })).Ok();
        var found = (string)(await Client.MutateAsync("adjustStock", "entry", "{ id }", new { itemId = units[1].Id, quantityChange = 1, reason = "找回" })).Ok()["id"]!;

        Assert.Equal(200 - 50 - 10 + 50 - 20, await scenario.OnHandAsync(lot));
        int[] unitsOnHand = [await scenario.OnHandAsync(units[0]), await scenario.OnHandAsync(units[1]), await scenario.OnHandAsync(units[2])];
        Assert.Equal([0, 1, 0], unitsOnHand);
        Assert.Equal(
            ["RECEIVED", "DISTRIBUTED", "ADJUSTED", "REVERSAL", "DISTRIBUTED"],
            (await scenario.StockEntriesAsync(lot)).Select(e => (string?)e!["kind"]));
        Assert.Equal([200, -50, -10, 50, -20], (await scenario.StockEntriesAsync(lot)).Select(e => (int)e!["quantity"]!));
        Assert.Equal(found, (string?)(await scenario.StockEntriesAsync(units[1]))[^1]!["id"]);

        var stock = (await Client.DataAsync("{ stockOnHand(first: 500) { nodes { category { id } itemCount quantityReceived quantityOnHand estimatedValueOnHandFen } } }"))["stockOnHand"]!["nodes"]!
            .AsArray().Single(s => (string?)s!["category"]!["id"] == kind)!;
        Assert.Equal(4, (long)stock["itemCount"]!);
        Assert.Equal(203, (long)stock["quantityReceived"]!);
        Assert.Equal(170 + 1, (long)stock["quantityOnHand"]!);
        Assert.Equal((170 * 250) + (1 * 1_000), (long)stock["estimatedValueOnHandFen"]!);

        var onHandOnly = await Client.DataAsync(
            "query($kind: ID!) { stockItems(categoryId: $kind, onHandOnly: true) { totalCount nodes { id quantityOnHand } } }", new { kind });
        Assert.Equal([lot.Id, units[1].Id], onHandOnly["stockItems"]!["nodes"]!.AsArray().Select(n => (string?)n!["id"]));
    }

    [Fact]
    public async Task Cash_balances_follow_donations_disbursements_adjustments_and_reversals()
    {
        var fundId = await scenario.FundAsync();
        var donorId = await scenario.DonorAsync();
        await scenario.CashDonationAsync(donorId, fundId, 150_000);
        await scenario.CashDonationAsync(donorId, fundId, 50_000);
        var household = (await scenario.VillageAsync()).Household;
        (await Client.MutateAsync(
            "recordDisbursement", "disbursement", "{ id }",
            new { fundId, recipientId = household, amountFen = 30_000, purpose = "慰问金", paidOn = LedgerScenario.Today() })).Ok();
        (await Client.MutateAsync("adjustFund", "entry", "{ id }", new { fundId, amountFenChange = -5_000, reason = "现金盘点短款" })).Ok();
        var entries = await scenario.FundEntriesAsync(fundId);
        await ReverseFundAsync((string)entries[1]!["id"]!);
        await ReverseFundAsync((string)entries[2]!["id"]!);

        Assert.Equal(
            ["RECEIVED", "RECEIVED", "DISBURSED", "ADJUSTED", "REVERSAL", "REVERSAL"],
            (await scenario.FundEntriesAsync(fundId)).Select(e => (string?)e!["kind"]));
        var data = await Client.DataAsync(
            """
            query($id: ID!) {
              node(id: $id) { ... on Fund { balanceFen balanceYuan } }
              fundBalances(first: 500) { nodes { fund { id } receivedFen disbursedFen adjustedFen reversedFen balanceFen balanceYuan matchesCachedBalance } }
            }
            """,
            new { id = fundId });
        Assert.Equal(145_000, (long)data["node"]!["balanceFen"]!);
        Assert.Equal(1_450m, (decimal)data["node"]!["balanceYuan"]!);
        var balance = data["fundBalances"]!["nodes"]!.AsArray().Single(b => (string?)b!["fund"]!["id"] == fundId)!;
        Assert.Equal(200_000, (long)balance["receivedFen"]!);
        Assert.Equal(-30_000, (long)balance["disbursedFen"]!);
        Assert.Equal(-5_000, (long)balance["adjustedFen"]!);
        Assert.Equal(-50_000 + 30_000, (long)balance["reversedFen"]!);
        Assert.Equal(145_000, (long)balance["balanceFen"]!);
        Assert.Equal(1_450m, (decimal)balance["balanceYuan"]!);
        Assert.True((bool)balance["matchesCachedBalance"]!);
    }

    [Fact]
    public async Task Cached_balances_equal_the_sums_of_their_entries_in_the_database()
    {
        var village = await scenario.VillageAsync();
        var fundId = await scenario.FundAsync(300_000);
        var seed = await scenario.LotAsync(40);
        var tvs = await scenario.PerUnitAsync(2);
        var handover = (await scenario.HandOverAsync(village.Household, LedgerScenario.Take(seed, 15), LedgerScenario.Take(tvs[1]))).Ok();
        await ReverseStockAsync((string)handover["entries"]![1]!["id"]!);
        await scenario.RefusedAsync(() => scenario.HandOverAsync(village.Unit, LedgerScenario.Take(seed, 26)), "INSUFFICIENT_STOCK");
        (await Client.MutateAsync(
            "recordDisbursement", "disbursement", "{ id }",
            new { fundId, recipientId = village.Unit, amountFen = 120_000, purpose = "修路", paidOn = LedgerScenario.Today() })).Ok();
        await scenario.RefusedAsync(() => Client.MutateAsync("adjustFund", "entry", "{ id }", new { fundId, amountFenChange = -180_001, reason = "短款" }), "FUND_OVERDRAWN");

        var (items, funds) = await app.QueryDatabaseAsync(async db => (
            await db.StockItems
                .Select(i => new { i.Id, Cached = i.QuantityOnHand, Sum = db.StockEntries.Where(e => e.StockItemId == i.Id).Sum(e => e.Quantity) })
                .ToListAsync(),
            await db.Funds
                .Select(f => new { f.Id, Cached = f.BalanceFen, Sum = db.FundEntries.Where(e => e.FundId == f.Id).Sum(e => e.AmountFen) })
                .ToListAsync()));

        Assert.NotEmpty(items);
        Assert.NotEmpty(funds);
        Assert.All(items, i => Assert.True(i.Cached == i.Sum, $"Item {i.Id}: cached {i.Cached}, entries sum to {i.Sum}"));
        Assert.All(funds, f => Assert.True(f.Cached == f.Sum, $"Fund {f.Id}: cached {f.Cached}, entries sum to {f.Sum}"));
        Assert.Contains(items, i => i.Id == LedgerScenario.RowId(seed.Id, "Item") && i.Sum == 25);
        Assert.Contains(funds, f => f.Id == LedgerScenario.RowId(fundId, "Fund") && f.Sum == 180_000);

        var balances = (await Client.DataAsync("{ fundBalances(first: 500) { nodes { fund { balanceFen } balanceFen matchesCachedBalance } } }"))["fundBalances"]!["nodes"]!.AsArray();
        Assert.Equal(funds.Count, balances.Count);
        Assert.All(balances, b =>
        {
            Assert.True((bool)b!["matchesCachedBalance"]!);
            Assert.Equal((long)b["fund"]!["balanceFen"]!, (long)b["balanceFen"]!);
        });
        var counts = await app.LedgerCountsAsync();
        Assert.Equal(items.Sum(i => (long)i.Sum), counts.QuantityOnHand);
        Assert.Equal(funds.Sum(f => f.Sum), counts.FundBalanceFen);
    }
}
