using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GaLaAid.Api.Tests.GraphQL;

/// <summary><c>order</c> on connections, alone and with <c>where</c> and cursor paging, against rows made here.</summary>
public sealed partial class SortingTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string Page = "totalCount edges { cursor node { id amountFen receivedOn } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }";

    private readonly LedgerScenario scenario = new(app);

    private GraphQLClient Client => scenario.Client;

    private sealed record Donation(string Id, long AmountFen, string ReceivedOn);

    /// <summary>Seven donations into a fund of their own, with ties on amount and on day.</summary>
    private async Task<(string Fund, List<Donation> Donations)> DonationsAsync()
    {
        var fund = await scenario.FundAsync();
        var donor = await scenario.DonorAsync();
        var donations = new List<Donation>();
        foreach (var (amount, days) in new[] { (300L, -1), (100L, -2), (300L, -3), (200L, -1), (100L, -1), (300L, -2), (200L, -3) })
        {
            var receivedOn = LedgerScenario.Today(days);
            var id = (string)(await Client.MutateAsync(
                "recordCashDonation", "cashDonation", "{ id }", new { donorId = donor, fundId = fund, amountFen = amount, receivedOn })).Ok()["id"]!;
            donations.Add(new Donation(id, amount, receivedOn));
        }

        return (fund, donations);
    }

    private static long RowId(string id) => LedgerScenario.RowId(id, "CashDonation");

    private async Task<JsonNode> PageAsync(string fund, object order, int? first = null, string? after = null, int? last = null, string? before = null, object? where = null)
    {
        var response = await Client.DataAsync(
            $"query($where: CashDonationFilterInput, $order: [CashDonationSortInput!], $first: Int, $after: String, $last: Int, $before: String) {{ cashDonations(where: $where, order: $order, first: $first, after: $after, last: $last, before: $before) {{ {Page} }} }}",
            new { where = new { and = new[] { new { fund = new { id = new { eq = fund } } }, where ?? new { } } }, order, first, after, last, before });
        return response["cashDonations"]!;
    }

    private static List<string> Ids(JsonNode page) => page["edges"]!.AsArray().Select(e => (string)e!["node"]!["id"]!).ToList();

    private static string? End(JsonNode page) => (string?)page["pageInfo"]!["endCursor"];

    private static string? Start(JsonNode page) => (string?)page["pageInfo"]!["startCursor"];

    private static void AssertFlags(JsonNode page, bool hasPrevious, bool hasNext)
    {
        Assert.Equal(hasPrevious, (bool)page["pageInfo"]!["hasPreviousPage"]!);
        Assert.Equal(hasNext, (bool)page["pageInfo"]!["hasNextPage"]!);
    }

    private static readonly object AmountDescDayAsc = new object[] { new { amountFen = "DESC" }, new { receivedOn = "ASC" } };

    private static List<string> AmountDescDayAscOf(IEnumerable<Donation> donations) => donations
        .OrderByDescending(d => d.AmountFen).ThenBy(d => d.ReceivedOn, StringComparer.Ordinal).ThenBy(d => RowId(d.Id))
        .Select(d => d.Id).ToList();

    [Fact]
    public async Task Several_keys_sort_in_the_order_given_and_ties_fall_back_to_id()
    {
        var (fund, donations) = await DonationsAsync();

        var byAmountThenDay = await PageAsync(fund, AmountDescDayAsc);
        var byDayThenAmount = await PageAsync(fund, new object[] { new { receivedOn = "DESC" }, new { amountFen = "ASC" } });
        var byAmountOnly = await PageAsync(fund, new object[] { new { amountFen = "ASC" } });

        Assert.Equal(AmountDescDayAscOf(donations), Ids(byAmountThenDay));
        Assert.Equal(
            donations.OrderByDescending(d => d.ReceivedOn, StringComparer.Ordinal).ThenBy(d => d.AmountFen).ThenBy(d => RowId(d.Id)).Select(d => d.Id),
            Ids(byDayThenAmount));
        Assert.Equal(donations.OrderBy(d => d.AmountFen).ThenBy(d => RowId(d.Id)).Select(d => d.Id), Ids(byAmountOnly));
    }

    [Fact]
    public async Task First_and_after_walk_a_filtered_ordered_list_forward_once()
    {
        var (fund, donations) = await DonationsAsync();
        var expected = AmountDescDayAscOf(donations.Where(d => d.AmountFen >= 200));

        var seen = new List<string>();
        var pages = new List<JsonNode>();
        string? after = null;
        do
        {
            var page = await PageAsync(fund, AmountDescDayAsc, first: 2, after: after, where: new { amountFen = new { gte = 200 } });
            pages.Add(page);
            seen.AddRange(Ids(page));
            after = End(page);
            Assert.Equal(5, (int)page["totalCount"]!);
        }
        while ((bool)pages[^1]["pageInfo"]!["hasNextPage"]!);

        Assert.Equal(expected, seen);
        Assert.Equal(3, pages.Count);
        AssertFlags(pages[0], hasPrevious: false, hasNext: true);
        AssertFlags(pages[1], hasPrevious: true, hasNext: true);
        AssertFlags(pages[2], hasPrevious: true, hasNext: false);
    }

    [Fact]
    public async Task Last_and_before_walk_a_filtered_ordered_list_backward_once()
    {
        var (fund, donations) = await DonationsAsync();
        var expected = AmountDescDayAscOf(donations.Where(d => d.AmountFen >= 200));

        var seen = new List<string>();
        var pages = new List<JsonNode>();
        string? before = null;
        do
        {
            var page = await PageAsync(fund, AmountDescDayAsc, last: 2, before: before, where: new { amountFen = new { gte = 200 } });
            pages.Add(page);
            seen.InsertRange(0, Ids(page));
            before = Start(page);
        }
        while ((bool)pages[^1]["pageInfo"]!["hasPreviousPage"]!);

        Assert.Equal(expected, seen);
        Assert.Equal(3, pages.Count);
        AssertFlags(pages[0], hasPrevious: true, hasNext: false);
        AssertFlags(pages[1], hasPrevious: true, hasNext: true);
        AssertFlags(pages[2], hasPrevious: false, hasNext: true);
    }

    [Fact]
    public async Task After_and_before_together_select_the_rows_between()
    {
        var (fund, donations) = await DonationsAsync();
        var expected = AmountDescDayAscOf(donations);
        var all = await PageAsync(fund, AmountDescDayAsc);
        var cursors = all["edges"]!.AsArray().Select(e => (string)e!["cursor"]!).ToList();

        var between = await PageAsync(fund, AmountDescDayAsc, after: cursors[1], before: cursors[5]);

        Assert.Equal(expected[2..5], Ids(between));
        AssertFlags(between, hasPrevious: true, hasNext: true);
    }

    [Fact]
    public async Task A_cursor_is_refused_with_another_order_or_without_one()
    {
        var (fund, _) = await DonationsAsync();
        var ordered = End(await PageAsync(fund, AmountDescDayAsc, first: 2));
        var plain = (string)(await Client.DataAsync("{ cashDonations(first: 1) { pageInfo { endCursor } } }"))["cashDonations"]!["pageInfo"]!["endCursor"]!;

        foreach (var (cursor, order) in new[]
        {
            (ordered, (object?)new object[] { new { amountFen = "ASC" }, new { receivedOn = "ASC" } }),
            (ordered, new object[] { new { receivedOn = "ASC" }, new { amountFen = "DESC" } }),
            (ordered, null),
            (plain, AmountDescDayAsc),
        })
        {
            var response = await Client.SendAsync(
                "query($order: [CashDonationSortInput!], $after: String) { cashDonations(order: $order, first: 2, after: $after) { totalCount } }",
                new { order, after = cursor });
            var error = Assert.Single(response.Json["errors"]!.AsArray())!;
            Assert.Equal("INVALID_CURSOR", (string?)error["extensions"]!["code"]);
        }
    }

    [Fact]
    public async Task An_order_entry_with_two_fields_is_refused()
    {
        var response = await Client.SendAsync("{ cashDonations(order: [{ amountFen: ASC, receivedOn: DESC }]) { totalCount } }");

        var error = Assert.Single(response.Json["errors"]!.AsArray())!;
        Assert.Equal("VALIDATION_FAILED", (string?)error["extensions"]!["code"]);
        Assert.Contains("order[0]", (string)error["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_keys_sort_by_code_point()
    {
        var prefix = $"S{Guid.NewGuid():N}"[..9];
        foreach (var name in new[] { "b", "a", "C", "ab" })
        {
            await scenario.DonorAsync(prefix + name);
        }

        var data = await Client.DataAsync(
            "query($p: String) { donors(where: { name: { startsWith: $p } }, order: [{ name: DESC }]) { nodes { name } } }", new { p = prefix });

        Assert.Equal(["b", "ab", "a", "C"], data["donors"]!["nodes"]!.AsArray().Select(n => ((string)n!["name"]!)[prefix.Length..]));
    }

    [Fact]
    public async Task The_order_and_its_keyset_are_translated_to_SQL()
    {
        var (fund, _) = await DonationsAsync();
        var first = await PageAsync(fund, AmountDescDayAsc, first: 2);

        app.SqlCommands.Reset();
        await PageAsync(fund, AmountDescDayAsc, first: 2, after: End(first));

        var select = Assert.Single(app.SqlCommands.Texts, t => t.Contains("FROM \"CashDonations\"", StringComparison.Ordinal) && t.Contains("ORDER BY", StringComparison.Ordinal));
        Assert.Matches(OrderByAmountDayId(), select);
        Assert.Matches(KeysetOnAmount(), select);
        Assert.Contains("LIMIT", select, StringComparison.Ordinal);
    }

    [GeneratedRegex("ORDER BY \"\\w+\"\\.\"AmountFen\" DESC, \"\\w+\"\\.\"ReceivedOn\", \"\\w+\"\\.\"Id\"")]
    private static partial Regex OrderByAmountDayId();

    [GeneratedRegex("(?s)WHERE .*\"AmountFen\" < @")]
    private static partial Regex KeysetOnAmount();

    [Fact]
    public async Task Without_order_cursors_and_results_stay_those_of_id_paging()
    {
        var (fund, donations) = await DonationsAsync();

        var page = await PageAsync(fund, Array.Empty<object>(), first: 3);

        Assert.Equal(donations.Take(3).Select(d => d.Id), Ids(page));
        var cursor = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(End(page)!));
        Assert.Equal($"cursor:{RowId(donations[2].Id)}", cursor);
    }

    [Fact]
    public async Task Cursors_carry_moments_exactly()
    {
        var prefix = $"T{Guid.NewGuid():N}"[..9];
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await scenario.DonorAsync($"{prefix}{i}"));
        }

        var seen = new List<string>();
        string? after = null;
        bool more;
        do
        {
            var page = (await Client.DataAsync(
                "query($p: String, $after: String) { donors(where: { name: { startsWith: $p } }, order: [{ recordedAt: DESC }], first: 2, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }",
                new { p = prefix, after }))["donors"]!;
            seen.AddRange(page["nodes"]!.AsArray().Select(n => (string)n!["id"]!));
            after = (string?)page["pageInfo"]!["endCursor"];
            more = (bool)page["pageInfo"]!["hasNextPage"]!;
        }
        while (more);

        created.Reverse();
        Assert.Equal(created, seen);
    }

    [Fact]
    public async Task The_audit_trail_sorts_newest_first_on_request()
    {
        await scenario.DonorAsync("audit-sort");

        var data = await Client.DataAsync("{ auditTrail(last: 3, order: [{ sequence: DESC }]) { nodes { sequence } } }");
        var sequences = data["auditTrail"]!["nodes"]!.AsArray().Select(n => (long)n!["sequence"]!).ToList();

        Assert.Equal(sequences.OrderByDescending(s => s), sequences);
        Assert.Equal(1, sequences[^1]);
    }
}
