using System.Buffers.Text;
using System.Text;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Labels;

namespace GaLaAid.Api.Tests.GraphQL;

public sealed class NodeTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string ItemByCode = "query($code: String!) { itemByCode(code: $code) { id labelCode quantityOnHand } }";

    private readonly LedgerScenario scenario = new(app);

    private GraphQLClient Client => scenario.Client;

    [Fact]
    public async Task Node_fetches_every_type_of_object_by_its_global_id()
    {
        var donorId = await scenario.DonorAsync();
        var fundId = await scenario.FundAsync();
        var cashDonationId = await scenario.CashDonationAsync(donorId, fundId, 100_000);
        var fundEntryId = (string)(await scenario.FundEntriesAsync(fundId))[0]!["id"]!;
        var village = await scenario.VillageAsync();
        var pledgeId = (string)(await Client.MutateAsync("recordPledge", "pledge", "{ id }", new { donorId, kind = "GOODS", description = "种子" })).Ok()["id"]!;
        var donation = (await Client.MutateAsync(
            "recordInKindDonation",
            "inKindDonation",
            "{ id lines { id items { nodes { id } } } }",
            new { donorId, receivedOn = LedgerScenario.Today(), lines = new[] { LedgerScenario.Line(LedgerScenario.Seed, 100, "LOT") } })).Ok();
        var line = donation["lines"]![0]!;
        var lot = new LedgerScenario.Item((string)line["items"]!["nodes"]![0]!["id"]!, string.Empty);
        var handover = (await scenario.HandOverAsync(village.Household, LedgerScenario.Take(lot, 10))).Ok();
        var disbursementId = (string)(await Client.MutateAsync(
            "recordDisbursement", "disbursement", "{ id }",
            new { fundId, recipientId = village.Household, amountFen = 100, purpose = "慰问", paidOn = LedgerScenario.Today() })).Ok()["id"]!;

        var expected = new Dictionary<string, string>
        {
            ["Donor"] = donorId,
            ["Fund"] = fundId,
            ["FundEntry"] = fundEntryId,
            ["CashDonation"] = cashDonationId,
            ["Category"] = LedgerScenario.CategoryId(LedgerScenario.TvSet),
            ["Recipient"] = village.Household,
            ["Pledge"] = pledgeId,
            ["InKindDonation"] = (string)donation["id"]!,
            ["DonationLine"] = (string)line["id"]!,
            ["Item"] = lot.Id,
            ["StockEntry"] = (string)handover["entries"]![0]!["id"]!,
            ["Handover"] = (string)handover["id"]!,
            ["Disbursement"] = disbursementId,
        };
        foreach (var (type, id) in expected)
        {
            var node = (await Client.DataAsync("query($id: ID!) { node(id: $id) { __typename id } }", new { id }))["node"];

            Assert.True(node is not null, $"node(id:) found no {type}");
            Assert.Equal(type, (string?)node["__typename"]);
            Assert.Equal(id, (string?)node["id"]);
            LedgerScenario.RowId(id, type);
        }

        var fields = await Client.DataAsync(
            """
            query($donor: ID!, $item: ID!, $household: ID!) {
              donor: node(id: $donor) { ... on Donor { name } }
              item: node(id: $item) { ... on Item { quantityOnHand category { code } } }
              household: node(id: $household) { ... on Recipient { headOfHousehold parent { name } } }
            }
            """,
            new { donor = donorId, item = lot.Id, household = village.Household });
        Assert.Equal("州委办公室党支部", (string?)fields["donor"]!["name"]);
        Assert.Equal(90, (int)fields["item"]!["quantityOnHand"]!);
        Assert.Equal("seed", (string?)fields["item"]!["category"]!["code"]);
        Assert.Equal("马文德", (string?)fields["household"]!["headOfHousehold"]);
        Assert.Equal("一社", (string?)fields["household"]!["parent"]!["name"]);
    }

    [Theory]
    [InlineData("Donor", 987_654)]
    [InlineData("Handover", 987_654)]
    [InlineData("StockEntry", 98_765_432_100)]
    [InlineData("Payroll", 1)]
    public async Task Node_returns_null_for_a_well_formed_id_that_names_nothing(string type, long id)
    {
        var data = await Client.DataAsync("query($id: ID!) { node(id: $id) { id } }", new { id = GlobalId.Encode(type, id) });

        Assert.Null(data["node"]);
    }

    [Theory]
    [InlineData("%%%")]
    [InlineData("")]
    [InlineData("Donor:1")]
    [InlineData("Donor:abc")]
    [InlineData("Donor:0")]
    [InlineData(":1")]
    [InlineData("Donor:01")]
    [InlineData("Donor:+1")]
    [InlineData("Donor: 1")]
    public async Task Node_refuses_a_malformed_id_with_invalid_id(string raw)
    {
        var id = raw is "%%%" or "" or "Donor:1" ? raw : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(raw));

        var response = await Client.SendAsync("query($id: ID!) { node(id: $id) { id } }", new { id });

        var error = Assert.Single(response.Json["errors"]!.AsArray())!;
        Assert.Equal("INVALID_ID", (string?)error["extensions"]!["code"]);
        Assert.Null(response.Json["data"]!["node"]);
    }

    [Fact]
    public async Task ItemByCode_finds_an_item_by_its_code_in_lower_case_without_dashes_or_prefix()
    {
        var lot = await scenario.LotAsync(30);
        var compact = lot.LabelCode.ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal);

        foreach (var typed in new[] { lot.LabelCode, compact, compact[2..], $"  {lot.LabelCode.ToLowerInvariant().Replace('-', ' ')}  " })
        {
            var item = (await Client.DataAsync(ItemByCode, new { code = typed }))["itemByCode"];

            Assert.True(item is not null, $"'{typed}' found nothing");
            Assert.Equal(lot.Id, (string?)item["id"]);
            Assert.Equal(lot.LabelCode, (string?)item["labelCode"]);
            Assert.Equal(30, (int)item["quantityOnHand"]!);
        }
    }

    [Fact]
    public async Task ItemByCode_returns_null_for_a_valid_code_that_no_item_has()
    {
        await scenario.LotAsync(1);

        var data = await Client.DataAsync(ItemByCode, new { code = LabelCode.NewCode() });

        Assert.Null(data["itemByCode"]);
    }

    [Fact]
    public async Task ItemByCode_refuses_a_mistyped_code_with_invalid_label_code()
    {
        var lot = await scenario.LotAsync(1);
        var symbols = lot.LabelCode.ToCharArray();
        (symbols[4], symbols[5]) = (symbols[5], symbols[4]);
        var swapped = new string(symbols);
        var typo = swapped == lot.LabelCode ? lot.LabelCode[..^1] + (lot.LabelCode[^1] == 'A' ? 'B' : 'A') : swapped;

        foreach (var code in new[] { typo, "GL-7K3Q", "hello world" })
        {
            var response = await Client.SendAsync(ItemByCode, new { code });

            var error = Assert.Single(response.Json["errors"]!.AsArray())!;
            Assert.Equal("INVALID_LABEL_CODE", (string?)error["extensions"]!["code"]);
            Assert.Null(response.Json["data"]!["itemByCode"]);
        }
    }
}
