using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using GaLaAid.Api.GraphQL;

namespace GaLaAid.Api.Tests.GraphQL;

/// <summary>
/// Relay paging, checked on the same households through a root field (paged in SQL) and through a
/// nested field (children batched for many parents and paged in memory).
/// </summary>
public sealed class PagingTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string Page = "totalCount edges { cursor node { id } } nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }";

    private readonly LedgerScenario scenario = new(app);

    public static TheoryData<string> Lists => ["recipients", "children"];

    private async Task<(string Unit, List<string> Households)> UnitWithHouseholdsAsync(int count)
    {
        var village = await scenario.VillageAsync();
        var households = new List<string> { village.Household };
        for (var i = 1; i < count; i++)
        {
            households.Add(await scenario.HouseholdAsync(village.Unit, $"第{i}户"));
        }

        return (village.Unit, households);
    }

    private static string Query(string list) => list == "recipients"
        ? $"query($unit: ID!, $first: Int, $after: String, $last: Int, $before: String) {{ page: recipients(parentId: $unit, first: $first, after: $after, last: $last, before: $before) {{ {Page} }} }}"
        : $"query($unit: ID!, $first: Int, $after: String, $last: Int, $before: String) {{ node(id: $unit) {{ ... on Recipient {{ page: children(first: $first, after: $after, last: $last, before: $before) {{ {Page} }} }} }} }}";

    private async Task<JsonNode> PageAsync(string list, string unit, int? first = null, string? after = null, int? last = null, string? before = null)
    {
        var data = await scenario.Client.DataAsync(Query(list), new { unit, first, after, last, before });
        var page = (list == "recipients" ? data["page"] : data["node"]!["page"])!;
        var edges = page["edges"]!.AsArray();
        Assert.Equal(edges.Select(e => (string?)e!["node"]!["id"]), page["nodes"]!.AsArray().Select(n => (string?)n!["id"]));
        Assert.Equal((string?)edges.FirstOrDefault()?["cursor"], (string?)page["pageInfo"]!["startCursor"]);
        Assert.Equal((string?)edges.LastOrDefault()?["cursor"], (string?)page["pageInfo"]!["endCursor"]);
        return page;
    }

    private static List<string> Ids(JsonNode page) => page["nodes"]!.AsArray().Select(n => (string)n!["id"]!).ToList();

    private static void AssertFlags(JsonNode page, bool hasPrevious, bool hasNext)
    {
        Assert.Equal(hasPrevious, (bool)page["pageInfo"]!["hasPreviousPage"]!);
        Assert.Equal(hasNext, (bool)page["pageInfo"]!["hasNextPage"]!);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task First_and_after_walk_forward_through_every_item_once(string list)
    {
        var (unit, households) = await UnitWithHouseholdsAsync(7);

        var one = await PageAsync(list, unit, first: 3);
        var two = await PageAsync(list, unit, first: 3, after: (string?)one["pageInfo"]!["endCursor"]);
        var three = await PageAsync(list, unit, first: 3, after: (string?)two["pageInfo"]!["endCursor"]);

        Assert.Equal(households[..3], Ids(one));
        Assert.Equal(households[3..6], Ids(two));
        Assert.Equal(households[6..], Ids(three));
        AssertFlags(one, hasPrevious: false, hasNext: true);
        AssertFlags(two, hasPrevious: true, hasNext: true);
        AssertFlags(three, hasPrevious: true, hasNext: false);
        Assert.All([one, two, three], page => Assert.Equal(7, (int)page["totalCount"]!));
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Last_and_before_walk_backward_through_every_item_once(string list)
    {
        var (unit, households) = await UnitWithHouseholdsAsync(7);

        var one = await PageAsync(list, unit, last: 3);
        var two = await PageAsync(list, unit, last: 3, before: (string?)one["pageInfo"]!["startCursor"]);
        var three = await PageAsync(list, unit, last: 3, before: (string?)two["pageInfo"]!["startCursor"]);

        Assert.Equal(households[4..], Ids(one));
        Assert.Equal(households[1..4], Ids(two));
        Assert.Equal(households[..1], Ids(three));
        AssertFlags(one, hasPrevious: true, hasNext: false);
        AssertFlags(two, hasPrevious: true, hasNext: true);
        AssertFlags(three, hasPrevious: false, hasNext: true);
        Assert.Equal(7, (int)three["totalCount"]!);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Cursors_of_edges_round_trip_as_after_and_before(string list)
    {
        var (unit, households) = await UnitWithHouseholdsAsync(7);
        var all = await PageAsync(list, unit);
        var cursors = all["edges"]!.AsArray().Select(e => (string)e!["cursor"]!).ToList();
        Assert.Equal(households, Ids(all));
        Assert.Equal(7, cursors.Distinct().Count());
        AssertFlags(all, hasPrevious: false, hasNext: false);

        var afterSecond = await PageAsync(list, unit, first: 2, after: cursors[1]);
        var beforeSixth = await PageAsync(list, unit, last: 2, before: cursors[5]);
        var between = await PageAsync(list, unit, after: cursors[1], before: cursors[5]);

        Assert.Equal(households[2..4], Ids(afterSecond));
        Assert.Equal(cursors[2..4], afterSecond["edges"]!.AsArray().Select(e => (string)e!["cursor"]!));
        Assert.Equal(households[3..5], Ids(beforeSixth));
        Assert.Equal(households[2..5], Ids(between));
        AssertFlags(between, hasPrevious: true, hasNext: true);
    }

    [Fact]
    public async Task Root_lists_default_to_fifty_items_per_page()
    {
        var (unit, households) = await UnitWithHouseholdsAsync(52);

        var page = await PageAsync("recipients", unit);

        Assert.Equal(households[..50], Ids(page));
        AssertFlags(page, hasPrevious: false, hasNext: true);
        Assert.Equal(52, (int)page["totalCount"]!);
    }

    public static TheoryData<string, string, string> BadCursors()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var list in new[] { "recipients", "children" })
        {
            data.Add(list, "after", "not a cursor");
            data.Add(list, "after", GlobalId.Encode("Recipient", 1));
            data.Add(list, "before", Base64Url.EncodeToString(Encoding.UTF8.GetBytes("cursor:-1")));
            data.Add(list, "before", Base64Url.EncodeToString(Encoding.UTF8.GetBytes("cursor:")));
        }

        return data;
    }

    [Theory]
    [InlineData("after", long.MaxValue)]
    [InlineData("before", long.MaxValue)]
    [InlineData("after", int.MaxValue + 1L)]
    public async Task A_cursor_past_the_range_of_the_lists_key_is_refused_with_invalid_cursor_not_an_overflow(string argument, long key)
    {
        var (unit, _) = await UnitWithHouseholdsAsync(1);
        var cursor = Cursor.Encode(key);

        var response = await scenario.Client.SendAsync(
            Query("recipients"), argument == "after" ? new { unit, first = 2, after = (string?)cursor, before = (string?)null } : new { unit, first = 2, after = (string?)null, before = (string?)cursor });

        var error = Assert.Single(response.Json["errors"]!.AsArray())!;
        Assert.Equal("INVALID_CURSOR", (string?)error["extensions"]!["code"]);
        Assert.Contains($"'{argument}'", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_largest_cursor_of_a_long_keyed_list_pages_past_its_end_and_knows_what_came_before()
    {
        await scenario.LotAsync(5);

        var data = await scenario.Client.DataAsync(
            "query($after: String) { stockEntries(first: 2, after: $after) { nodes { id } pageInfo { hasNextPage hasPreviousPage } } }",
            new { after = Cursor.Encode(long.MaxValue) });

        var page = data["stockEntries"]!;
        Assert.Empty(page["nodes"]!.AsArray());
        AssertFlags(page, hasPrevious: true, hasNext: false);
    }

    [Theory]
    [MemberData(nameof(BadCursors))]
    public async Task A_cursor_not_returned_by_the_api_is_refused_with_invalid_cursor(string list, string argument, string cursor)
    {
        var (unit, _) = await UnitWithHouseholdsAsync(1);

        var response = await scenario.Client.SendAsync(
            Query(list), argument == "after" ? new { unit, first = 2, after = (string?)cursor, before = (string?)null } : new { unit, first = 2, after = (string?)null, before = (string?)cursor });

        var error = Assert.Single(response.Json["errors"]!.AsArray())!;
        Assert.Equal("INVALID_CURSOR", (string?)error["extensions"]!["code"]);
        Assert.Contains($"'{argument}'", (string?)error["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("recipients", 501, null)]
    [InlineData("recipients", null, 501)]
    [InlineData("recipients", -1, null)]
    [InlineData("children", 501, null)]
    [InlineData("children", null, -1)]
    public async Task A_page_size_above_500_or_below_0_is_refused_with_invalid_paging(string list, int? first, int? last)
    {
        var (unit, _) = await UnitWithHouseholdsAsync(1);

        var response = await scenario.Client.SendAsync(Query(list), new { unit, first, last });

        var error = Assert.Single(response.Json["errors"]!.AsArray())!;
        Assert.Equal("INVALID_PAGING", (string?)error["extensions"]!["code"]);
    }

    [Fact]
    public async Task A_page_of_500_is_allowed()
    {
        var (unit, households) = await UnitWithHouseholdsAsync(2);

        var page = await PageAsync("recipients", unit, first: 500);

        Assert.Equal(households, Ids(page));
    }
}
