using System.Text.Json.Nodes;

namespace GaLaAid.Api.Tests.Reports;

/// <summary>Pledges against what arrived for them: only receipts that stand count.</summary>
public sealed class PledgeFulfilmentTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string Selection = "pledge { id } donorName kind promised unit received receivedAmountFen receivedQuantity receivedValueFen outstanding fulfilled expectedOn overdue";

    private readonly LedgerScenario scenario = new(app);

    private GraphQLClient Client => scenario.Client;

    [Fact]
    public async Task A_cash_pledge_counts_its_donations_less_a_reversed_receipt_and_is_overdue_until_fulfilled()
    {
        var donor = await scenario.DonorAsync("玉树州财政局");
        var fund = await scenario.FundAsync();
        var pledge = await PledgeAsync(new { donorId = donor, kind = "CASH", description = "慰问金十万元", promisedAmountFen = 100_000, expectedOn = LedgerScenario.Today(-1) });
        await GiveAsync(donor, fund, pledge, 60_000);
        await GiveAsync(donor, fund, pledge, 40_000);
        var mistaken = (await scenario.FundEntriesAsync(fund)).Last()!;
        (await Client.MutateAsync("reverseFundEntry", "entry", "{ id }", new { entryId = (string)mistaken["id"]!, reason = "重复录入" })).Ok();

        var row = await FulfilmentAsync(pledge);

        Assert.Equal("玉树州财政局", (string?)row["donorName"]);
        Assert.Equal(100_000, (long)row["promised"]!);
        Assert.Equal(60_000, (long)row["received"]!);
        Assert.Equal(60_000, (long)row["receivedAmountFen"]!);
        Assert.Equal(40_000, (long)row["outstanding"]!);
        Assert.False((bool)row["fulfilled"]!);
        Assert.True((bool)row["overdue"]!);
        Assert.Equal(60_000, (long)(await Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Pledge { receivedAmountFen } } }", new { id = pledge }))["node"]!["receivedAmountFen"]!);
        Assert.Contains(pledge, await OpenAsync());

        await GiveAsync(donor, fund, pledge, 40_000);

        row = await FulfilmentAsync(pledge);
        Assert.Equal(0, (long)row["outstanding"]!);
        Assert.True((bool)row["fulfilled"]!);
        Assert.False((bool)row["overdue"]!);
        Assert.DoesNotContain(pledge, await OpenAsync());
    }

    [Fact]
    public async Task A_goods_pledge_counts_only_its_kind_and_not_a_reversed_receipt_nor_does_stock_on_hand()
    {
        var donor = await scenario.DonorAsync("玉树州农牧局");
        var pledge = await PledgeAsync(new
        {
            donorId = donor, kind = "GOODS", description = "电视机三台", promisedCategoryId = LedgerScenario.CategoryId(LedgerScenario.TvSet),
            promisedQuantity = 3, promisedUnit = "台", expectedOn = LedgerScenario.Today(30),
        });
        var receivedBefore = await TvsReceivedAsync();
        var donation = (await Client.MutateAsync("recordInKindDonation", "inKindDonation", "{ lines { items { nodes { id } } } }", new
        {
            donorId = donor, receivedOn = LedgerScenario.Today(), pledgeId = pledge,
            lines = new[] { LedgerScenario.Line(LedgerScenario.TvSet, 2, "PER_UNIT", 150_000), LedgerScenario.Line(LedgerScenario.Seed, 50, "LOT", 300) },
        })).Ok();
        var tv = new LedgerScenario.Item((string)donation["lines"]![0]!["items"]!["nodes"]![1]!["id"]!, string.Empty);
        var receipt = Assert.Single(await scenario.StockEntriesAsync(tv))!;
        (await Client.MutateAsync("reverseStockEntry", "entry", "{ id }", new { entryId = (string)receipt["id"]!, reason = "其实没收到" })).Ok();

        var row = await FulfilmentAsync(pledge);

        Assert.Equal("GOODS", (string?)row["kind"]);
        Assert.Equal(3, (long)row["promised"]!);
        Assert.Equal("台", (string?)row["unit"]);
        Assert.Equal(1, (long)row["received"]!);
        Assert.Equal(150_000, (long)row["receivedValueFen"]!);
        Assert.Equal(2, (long)row["outstanding"]!);
        Assert.False((bool)row["fulfilled"]!);
        Assert.False((bool)row["overdue"]!);
        Assert.Equal(receivedBefore + 1, await TvsReceivedAsync());
    }

    [Fact]
    public async Task A_pledge_that_names_no_figure_is_fulfilled_once_anything_arrives()
    {
        var donor = await scenario.DonorAsync("青海省扶贫基金会");
        var pledge = await PledgeAsync(new { donorId = donor, kind = "GOODS", description = "春耕用种子和化肥" });

        var before = await FulfilmentAsync(pledge);
        (await Client.MutateAsync("recordInKindDonation", "inKindDonation", "{ id }", new
        {
            donorId = donor, receivedOn = LedgerScenario.Today(), pledgeId = pledge, lines = new[] { LedgerScenario.Line(LedgerScenario.Seed, 500, "LOT", 300) },
        })).Ok();
        var after = await FulfilmentAsync(pledge);

        Assert.Null(before["promised"]);
        Assert.Null(before["outstanding"]);
        Assert.False((bool)before["fulfilled"]!);
        Assert.Equal(500, (long)after["received"]!);
        Assert.True((bool)after["fulfilled"]!);
    }

    private async Task<string> PledgeAsync(object input) =>
        (string)(await Client.MutateAsync("recordPledge", "pledge", "{ id }", input)).Ok()["id"]!;

    private async Task GiveAsync(string donorId, string fundId, string pledgeId, long amountFen) =>
        (await Client.MutateAsync("recordCashDonation", "cashDonation", "{ id }", new { donorId, fundId, amountFen, receivedOn = LedgerScenario.Today(), pledgeId })).Ok();

    private async Task<JsonNode> FulfilmentAsync(string pledgeId) =>
        (await Client.DataAsync($"{{ pledgeFulfilment {{ {Selection} }} }}"))["pledgeFulfilment"]!.AsArray().Single(r => (string?)r!["pledge"]!["id"] == pledgeId)!;

    private async Task<List<string?>> OpenAsync() =>
        (await Client.DataAsync("{ pledgeFulfilment(openOnly: true) { pledge { id } } }"))["pledgeFulfilment"]!.AsArray().Select(r => (string?)r!["pledge"]!["id"]).ToList();

    private async Task<long> TvsReceivedAsync() =>
        (long?)(await Client.DataAsync("{ stockOnHand(first: 100) { nodes { category { id } quantityReceived } } }"))["stockOnHand"]!["nodes"]!.AsArray()
            .SingleOrDefault(n => (string?)n!["category"]!["id"] == LedgerScenario.CategoryId(LedgerScenario.TvSet))?["quantityReceived"] ?? 0;
}
