using System.Text.Json.Nodes;
using GaLaAid.Api.GraphQL;

namespace GaLaAid.Api.Tests.GraphQL;

/// <summary>
/// Nested lists are loaded in batches: the SQL commands a query issues depend on how deep it goes,
/// not on how many parents it lists.
/// </summary>
public sealed class BatchingTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const int Bound = 12;

    private readonly LedgerScenario scenario = new(app);

    private GraphQLClient Client => scenario.Client;

    private async Task<(int Commands, JsonArray Nodes)> CountCommandsAsync(string query, object variables, Func<JsonNode, JsonNode> list)
    {
        app.SqlCommands.Reset();
        var data = await Client.DataAsync(query, variables);
        var commands = app.SqlCommands.Count;
        return (commands, list(data)["nodes"]!.AsArray());
    }

    [Fact]
    public async Task InKindDonations_with_their_lines_and_items_take_the_same_few_sql_commands_for_10_or_100()
    {
        var donorId = await scenario.DonorAsync();
        string? firstId = null;
        for (var i = 0; i < 100; i++)
        {
            var donation = (await Client.MutateAsync("recordInKindDonation", "inKindDonation", "{ id }", new
            {
                donorId,
                receivedOn = LedgerScenario.Today(),
                lines = new[]
                {
                    LedgerScenario.Line(LedgerScenario.TvSet, 2, "PER_UNIT"),
                    LedgerScenario.Line(LedgerScenario.Seed, 50 + i, "LOT"),
                },
            })).Ok();
            firstId ??= (string)donation["id"]!;
        }

        // Page from just before this test's first donation, so the page holds exactly its 100.
        var after = Cursor.Encode(LedgerScenario.RowId(firstId, "InKindDonation") - 1);
        const string Query = """
            query($first: Int!, $after: String) {
              inKindDonations(first: $first, after: $after) { nodes { donor { name } lines { category { name } items(order: [{ labelCode: DESC }]) { nodes { labelCode } } } } }
            }
            """;

        var (ten, tenNodes) = await CountCommandsAsync(Query, new { first = 10, after }, data => data["inKindDonations"]!);
        var (hundred, hundredNodes) = await CountCommandsAsync(Query, new { first = 100, after }, data => data["inKindDonations"]!);

        Assert.Equal(10, tenNodes.Count);
        Assert.Equal(100, hundredNodes.Count);
        Assert.All(hundredNodes, donation =>
        {
            Assert.Equal("州委办公室党支部", (string?)donation!["donor"]!["name"]);
            var lines = donation["lines"]!.AsArray();
            Assert.Equal(["电视机", "种子"], lines.Select(l => (string?)l!["category"]!["name"]));
            Assert.Equal([2, 1], lines.Select(l => l!["items"]!["nodes"]!.AsArray().Count));
            var codes = lines[0]!["items"]!["nodes"]!.AsArray().Select(i => (string)i!["labelCode"]!).ToList();
            Assert.Equal(codes.OrderDescending(StringComparer.Ordinal), codes);
        });
        Assert.InRange(hundred, 1, Bound);
        Assert.Equal(ten, hundred);
        var items = Assert.Single(app.SqlCommands.Texts, t => t.Contains("FROM \"StockItems\"", StringComparison.Ordinal));
        Assert.Contains("\"LabelCode\" DESC", items[items.LastIndexOf("ORDER BY", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recipients_with_their_handovers_entries_and_items_take_the_same_few_sql_commands_for_10_or_100()
    {
        var village = await scenario.VillageAsync();
        var unit = village.Unit;
        var lot = await scenario.LotAsync(1_000);
        var tvs = await scenario.PerUnitAsync(100);
        for (var i = 0; i < 100; i++)
        {
            var household = i == 0 ? village.Household : await scenario.HouseholdAsync(unit, $"第{i}户");
            (await scenario.HandOverAsync(household, LedgerScenario.Take(lot, 3), LedgerScenario.Take(tvs[i]))).Ok();
        }

        const string Query = """
            query($unit: ID!, $first: Int!) {
              recipients(parentId: $unit, first: $first) {
                nodes { name handovers(order: [{ handedOverAt: DESC }]) { nodes { receivedBy entries { kind quantity item { labelCode } } } } }
              }
            }
            """;

        var (ten, tenNodes) = await CountCommandsAsync(Query, new { unit, first = 10 }, data => data["recipients"]!);
        var (hundred, hundredNodes) = await CountCommandsAsync(Query, new { unit, first = 100 }, data => data["recipients"]!);

        Assert.Equal(10, tenNodes.Count);
        Assert.Equal(100, hundredNodes.Count);
        var withHandovers = hundredNodes.Where(r => r!["handovers"]!["nodes"]!.AsArray().Count > 0).ToList();
        Assert.Equal(100, withHandovers.Count);
        Assert.All(withHandovers, recipient =>
        {
            var entries = Assert.Single(recipient!["handovers"]!["nodes"]!.AsArray())!["entries"]!.AsArray();
            Assert.Equal([-3, -1], entries.Select(e => (int)e!["quantity"]!));
            Assert.Equal(lot.LabelCode, (string?)entries[0]!["item"]!["labelCode"]);
        });
        Assert.InRange(hundred, 1, Bound);
        Assert.Equal(ten, hundred);
        var handovers = Assert.Single(app.SqlCommands.Texts, t => t.Contains("FROM \"Handovers\"", StringComparison.Ordinal));
        Assert.Contains("\"HandedOverAt\" DESC", handovers[handovers.LastIndexOf("ORDER BY", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_of_two_mutations_in_one_request_reports_the_stock_left_after_its_own_write()
    {
        var household = (await scenario.VillageAsync()).Household;
        var lot = await scenario.LotAsync(10);

        var data = await Client.DataAsync(
            """
            mutation($a: RecordHandoverInput!, $b: RecordHandoverInput!) {
              a: recordHandover(input: $a) { handover { entries { item { quantityOnHand } } } errors { __typename } }
              b: recordHandover(input: $b) { handover { entries { item { quantityOnHand } } } errors { __typename } }
            }
            """,
            new
            {
                a = new { recipientId = household, receivedBy = "马文德", lines = new[] { LedgerScenario.Take(lot, 3) } },
                b = new { recipientId = household, receivedBy = "马文德", lines = new[] { LedgerScenario.Take(lot, 2) } },
            });

        Assert.Equal(7, (int)data["a"]!["handover"]!["entries"]![0]!["item"]!["quantityOnHand"]!);
        Assert.Equal(5, (int)data["b"]!["handover"]!["entries"]![0]!["item"]!["quantityOnHand"]!);
        Assert.Equal(5, await scenario.OnHandAsync(lot));
    }
}
