using System.Text.Json.Nodes;
using GaLaAid.Api.Accounts;

namespace GaLaAid.Api.Tests.GraphQL;

/// <summary>
/// <c>order</c> on nested connections and the sort keys beyond plain columns: nullable columns with
/// ties, flags, enums and fields of related rows, paged both ways on root and nested lists.
/// </summary>
public sealed class NestedSortingTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string PageSelection = "totalCount edges { cursor node { id location } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }";

    private static readonly string[] RefusalCodes = ["VALIDATION_FAILED", "ARGUMENTS_OF_CORRECT_TYPE", "INVALID_VALUE"];

    private readonly LedgerScenario scenario = new(app);

    private GraphQLClient Client => scenario.Client;

    private sealed record Handed(string Id, string? Location);

    /// <summary>Seven handovers to one household, with ties and missing values in 'location'.</summary>
    private async Task<(string Household, List<Handed> Handovers)> HandoversAsync()
    {
        var village = await scenario.VillageAsync();
        var lot = await scenario.LotAsync(100);
        var handovers = new List<Handed>();
        foreach (var location in new[] { "村委会", null, "一社仓库", "村委会", null, "一社仓库", "二社" })
        {
            var id = (string)(await Client.MutateAsync(
                "recordHandover", "handover", "{ id }",
                new { recipientId = village.Household, receivedBy = "马文德", location, lines = new[] { LedgerScenario.Take(lot) } })).Ok()["id"]!;
            handovers.Add(new Handed(id, location));
        }

        return (village.Household, handovers);
    }

    private static List<string> Expected(IEnumerable<Handed> handovers, bool descending)
    {
        // Documented order: rows without a value after every value ascending, before them descending; ties by id ascending.
        var byValue = descending
            ? handovers.OrderByDescending(h => h.Location is null).ThenByDescending(h => h.Location, StringComparer.Ordinal)
            : handovers.OrderBy(h => h.Location is null).ThenBy(h => h.Location, StringComparer.Ordinal);
        return byValue.ThenBy(h => LedgerScenario.RowId(h.Id, "Handover")).Select(h => h.Id).ToList();
    }

    /// <summary>One page of the household's handovers, from the root list or from the household's nested list.</summary>
    private async Task<JsonNode> PageAsync(bool nested, string household, string direction, int? first, string? after, int? last, string? before)
    {
        var arguments = "order: [{ location: $direction }], first: $first, after: $after, last: $last, before: $before";
        var query = nested
            ? $"query($household: ID!, $direction: SortEnumType!, $first: Int, $after: String, $last: Int, $before: String) {{ recipients(where: {{ id: {{ eq: $household }} }}) {{ nodes {{ handovers({arguments}) {{ {PageSelection} }} }} }} }}"
            : $"query($household: ID!, $direction: SortEnumType!, $first: Int, $after: String, $last: Int, $before: String) {{ handovers(where: {{ recipient: {{ id: {{ eq: $household }} }} }}, {arguments}) {{ {PageSelection} }} }}";
        var data = await Client.DataAsync(query, new { household, direction, first, after, last, before });
        return nested ? data["recipients"]!["nodes"]![0]!["handovers"]! : data["handovers"]!;
    }

    private static List<string> Ids(JsonNode page) => page["edges"]!.AsArray().Select(e => (string)e!["node"]!["id"]!).ToList();

    [Theory]
    [InlineData(false, "ASC")]
    [InlineData(false, "DESC")]
    [InlineData(true, "ASC")]
    [InlineData(true, "DESC")]
    public async Task Paging_a_nullable_column_with_ties_both_ways_yields_the_whole_list_once(bool nested, string direction)
    {
        var (household, handovers) = await HandoversAsync();
        var expected = Expected(handovers, direction == "DESC");

        var whole = await PageAsync(nested, household, direction, 50, null, null, null);
        var forward = new List<string>();
        string? after = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await PageAsync(nested, household, direction, 2, after, null, null);
            forward.AddRange(Ids(page));
            Assert.Equal(after is not null, (bool)page["pageInfo"]!["hasPreviousPage"]!);
            if (!(bool)page["pageInfo"]!["hasNextPage"]!)
            {
                break;
            }

            after = (string)page["pageInfo"]!["endCursor"]!;
        }

        var backward = new List<string>();
        string? before = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await PageAsync(nested, household, direction, null, null, 3, before);
            backward.InsertRange(0, Ids(page));
            Assert.Equal(before is not null, (bool)page["pageInfo"]!["hasNextPage"]!);
            if (!(bool)page["pageInfo"]!["hasPreviousPage"]!)
            {
                break;
            }

            before = (string)page["pageInfo"]!["startCursor"]!;
        }

        Assert.Equal(7, (int)whole["totalCount"]!);
        Assert.Equal(expected, Ids(whole));
        Assert.Equal(expected, forward);
        Assert.Equal(expected, backward);
    }

    [Theory]
    [InlineData("ASC")]
    [InlineData("DESC")]
    public async Task Paging_a_nullable_number_with_ties_both_ways_yields_the_whole_list_once(string direction)
    {
        // Two villages: committees and households have no unit number; both villages have a unit 1.
        var first = await scenario.VillageAsync();
        var second = await scenario.VillageAsync();
        var unitTwo = (string)(await Client.MutateAsync(
            "createRecipient", "recipient", "{ id }", new { kind = "SOCIAL_UNIT", name = "二社", parentId = second.Committee, unitNumber = 2 })).Ok()["id"]!;
        var numbers = new Dictionary<string, int?>
        {
            [first.Committee] = null, [first.Unit] = 1, [first.Household] = null,
            [second.Committee] = null, [second.Unit] = 1, [second.Household] = null, [unitTwo] = 2,
        };
        var expected = (direction == "ASC"
                ? numbers.OrderBy(n => n.Value is null).ThenBy(n => n.Value)
                : numbers.OrderByDescending(n => n.Value is null).ThenByDescending(n => n.Value))
            .ThenBy(n => LedgerScenario.RowId(n.Key, "Recipient")).Select(n => n.Key).ToList();

        async Task<JsonNode> Page(int? pageFirst, string? after, int? last, string? before) =>
            (await Client.DataAsync(
                "query($ids: [ID], $direction: SortEnumType!, $first: Int, $after: String, $last: Int, $before: String) { recipients(where: { id: { in: $ids } }, order: [{ unitNumber: $direction }], first: $first, after: $after, last: $last, before: $before) { edges { node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }",
                new { ids = numbers.Keys.ToArray(), direction, first = pageFirst, after, last, before }))["recipients"]!;

        var forward = new List<string>();
        string? cursor = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await Page(2, cursor, null, null);
            forward.AddRange(Ids(page));
            if (!(bool)page["pageInfo"]!["hasNextPage"]!)
            {
                break;
            }

            cursor = (string)page["pageInfo"]!["endCursor"]!;
        }

        var backward = new List<string>();
        cursor = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await Page(null, null, 2, cursor);
            backward.InsertRange(0, Ids(page));
            if (!(bool)page["pageInfo"]!["hasPreviousPage"]!)
            {
                break;
            }

            cursor = (string)page["pageInfo"]!["startCursor"]!;
        }

        Assert.Equal(expected, forward);
        Assert.Equal(expected, backward);
    }

    [Fact]
    public async Task Entries_without_a_handover_sort_after_those_with_one()
    {
        var village = await scenario.VillageAsync();
        var lot = await scenario.LotAsync(10);
        (await scenario.HandOverAsync(village.Household, LedgerScenario.Take(lot, 3))).Ok();

        var data = await Client.DataAsync(
            "query($item: ID!) { ascending: stockEntries(where: { item: { id: { eq: $item } } }, order: [{ handover: { receivedBy: ASC } }]) { nodes { kind } } descending: stockEntries(where: { item: { id: { eq: $item } } }, order: [{ handover: { receivedBy: DESC } }]) { nodes { kind } } }",
            new { item = lot.Id });

        Assert.Equal(["DISTRIBUTED", "RECEIVED"], data["ascending"]!["nodes"]!.AsArray().Select(n => (string)n!["kind"]!));
        Assert.Equal(["RECEIVED", "DISTRIBUTED"], data["descending"]!["nodes"]!.AsArray().Select(n => (string)n!["kind"]!));
    }

    [Fact]
    public async Task A_window_between_two_cursors_of_a_nested_order_holds_exactly_the_rows_between_them()
    {
        var (household, handovers) = await HandoversAsync();
        var expected = Expected(handovers, descending: false);
        var whole = await PageAsync(nested: true, household, "ASC", 50, null, null, null);
        var cursors = whole["edges"]!.AsArray().Select(e => (string)e!["cursor"]!).ToList();

        var between = await PageAsync(nested: true, household, "ASC", null, cursors[1], null, cursors[5]);

        Assert.Equal(expected[2..5], Ids(between));
        Assert.True((bool)between["pageInfo"]!["hasPreviousPage"]!);
        Assert.True((bool)between["pageInfo"]!["hasNextPage"]!);
    }

    [Fact]
    public async Task A_nested_cursor_of_another_order_is_refused()
    {
        var (household, _) = await HandoversAsync();
        var ascending = await PageAsync(nested: true, household, "ASC", 2, null, null, null);

        var response = await Client.SendAsync(
            "query($household: ID!, $after: String) { recipients(where: { id: { eq: $household } }) { nodes { handovers(order: [{ location: DESC }], after: $after) { totalCount } } } }",
            new { household, after = (string)ascending["pageInfo"]!["endCursor"]! });

        var error = Assert.Single(response.Json["errors"]!.AsArray())!;
        Assert.Equal("INVALID_CURSOR", (string?)error["extensions"]!["code"]);
    }

    [Fact]
    public async Task Nested_order_sorts_each_parents_children_in_one_sql_command()
    {
        var village = await scenario.VillageAsync();
        var second = await scenario.HouseholdAsync(village.Unit, "韩家");
        var lot = await scenario.LotAsync(100);
        foreach (var (household, location) in new[] { (village.Household, "乙"), (second, "甲"), (village.Household, "甲"), (second, "丙"), (village.Household, "丙") })
        {
            (await Client.MutateAsync(
                "recordHandover", "handover", "{ id }",
                new { recipientId = household, receivedBy = "马文德", location, lines = new[] { LedgerScenario.Take(lot) } })).Ok();
        }

        app.SqlCommands.Reset();
        var data = await Client.DataAsync(
            "query($unit: ID!) { recipients(parentId: $unit) { nodes { id handovers(order: [{ location: DESC }]) { nodes { location } } } } }",
            new { unit = village.Unit });

        var locations = data["recipients"]!["nodes"]!.AsArray().ToDictionary(
            n => (string)n!["id"]!, n => n!["handovers"]!["nodes"]!.AsArray().Select(h => (string)h!["location"]!).ToList());
        List<string> first = ["乙", "甲", "丙"];
        List<string> other = ["甲", "丙"];
        Assert.Equal(first.OrderByDescending(l => l, StringComparer.Ordinal), locations[village.Household]);
        Assert.Equal(other.OrderByDescending(l => l, StringComparer.Ordinal), locations[second]);
        var children = Assert.Single(app.SqlCommands.Texts, t => t.Contains("FROM \"Handovers\"", StringComparison.Ordinal));
        var orderBy = children[children.LastIndexOf("ORDER BY", StringComparison.Ordinal)..];
        // The nullable column sorts by "has no value" first, so no NULL reaches the ORDER BY.
        Assert.Matches("CASE\\s+WHEN \"h\"\\.\"Location\" IS NULL THEN 1\\s+ELSE 0\\s+END DESC, COALESCE\\(\"h\"\\.\"Location\", ''\\) DESC, \"h\"\\.\"Id\"", orderBy);
    }

    [Fact]
    public async Task Fund_entries_sort_in_one_batched_command_for_every_fund()
    {
        var funds = new[] { await scenario.FundAsync(500), await scenario.FundAsync(900) };
        var donor = await scenario.DonorAsync();
        foreach (var fund in funds)
        {
            await scenario.CashDonationAsync(donor, fund, 200);
        }

        app.SqlCommands.Reset();
        var data = await Client.DataAsync(
            "query($ids: [ID]) { funds(where: { id: { in: $ids } }) { nodes { entries(order: [{ amountFen: DESC }]) { nodes { amountFen } } } } }",
            new { ids = funds });

        var amounts = data["funds"]!["nodes"]!.AsArray().Select(f => f!["entries"]!["nodes"]!.AsArray().Select(e => (long)e!["amountFen"]!).ToList()).ToList();
        Assert.Equal([[500L, 200L], [900L, 200L]], amounts);
        var entries = Assert.Single(app.SqlCommands.Texts, t => t.Contains("FROM \"FundEntries\"", StringComparison.Ordinal));
        Assert.Contains("\"AmountFen\" DESC", entries[entries.LastIndexOf("ORDER BY", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Related_rows_sort_by_their_own_fields_in_sql()
    {
        var fund = await scenario.FundAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var donors = new Dictionary<string, string>();
        foreach (var name in new[] { $"丙{suffix}", $"甲{suffix}", $"乙{suffix}" })
        {
            donors[name] = await scenario.DonorAsync(name);
        }

        foreach (var (name, amount) in new[] { ($"乙{suffix}", 10L), ($"甲{suffix}", 20L), ($"丙{suffix}", 30L), ($"甲{suffix}", 40L) })
        {
            await scenario.CashDonationAsync(donors[name], fund, amount);
        }

        app.SqlCommands.Reset();
        var data = await Client.DataAsync(
            "query($fund: ID!) { cashDonations(where: { fund: { id: { eq: $fund } } }, order: [{ donor: { name: DESC } }, { amountFen: ASC }]) { nodes { amountFen donor { name } } } }",
            new { fund });

        var rows = data["cashDonations"]!["nodes"]!.AsArray().Select(n => ((string)n!["donor"]!["name"]!, (long)n["amountFen"]!)).ToList();
        var expected = rows.OrderByDescending(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(expected, rows);
        var select = Assert.Single(app.SqlCommands.Texts, t => t.Contains("FROM \"CashDonations\"", StringComparison.Ordinal) && t.Contains("ORDER BY", StringComparison.Ordinal));
        var orderBy = select[select.LastIndexOf("ORDER BY", StringComparison.Ordinal)..];
        Assert.Contains("FROM \"Donors\"", select, StringComparison.Ordinal);
        Assert.Contains("DESC", orderBy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Items_sort_by_their_category_name_and_lines_by_value()
    {
        var items = await scenario.DonateAsync(
            LedgerScenario.Line(LedgerScenario.TvSet, 1, "PER_UNIT", 80_000),
            LedgerScenario.Line(LedgerScenario.Seed, 5, "LOT", 2_000));

        var response = await Client.SendAsync(
            "query($ids: [ID]) { byCategory: stockItems(where: { id: { in: $ids } }, order: [{ category: { name: DESC } }]) { nodes { id category { name } } } byValue: stockItems(where: { id: { in: $ids } }, order: [{ line: { estimatedUnitValueFen: ASC } }]) { nodes { id } } }",
            new { ids = items.Select(i => i.Id).ToArray() });
        Assert.True(response.Json["errors"] is null, response.Text);
        var data = response.Json["data"]!;

        var byCategory = data["byCategory"]!["nodes"]!.AsArray().Select(n => (string)n!["category"]!["name"]!).ToList();
        Assert.Equal(byCategory.OrderByDescending(n => n, StringComparer.Ordinal), byCategory);
        Assert.Equal(2, byCategory.Distinct().Count());
        Assert.Equal([items[1].Id, items[0].Id], data["byValue"]!["nodes"]!.AsArray().Select(n => (string)n!["id"]!));
    }

    [Fact]
    public async Task Flags_and_enums_sort_false_before_true_and_in_declaration_order()
    {
        var village = await scenario.VillageAsync();
        var notPoor = (await Client.MutateAsync(
            "createRecipient", "recipient", "{ id }",
            new { kind = "HOUSEHOLD", name = "韩家", parentId = village.Unit, headOfHousehold = "韩春花", memberCount = 2, isRegisteredPoor = false })).Ok();

        var data = await Client.DataAsync(
            "query($unit: ID!, $committee: ID!) { poorFirst: recipients(parentId: $unit, order: [{ isRegisteredPoor: DESC }]) { nodes { id } } byKind: recipients(where: { id: { in: [$unit, $committee] } }, order: [{ kind: DESC }]) { nodes { id } } }",
            new { unit = village.Unit, committee = village.Committee });

        Assert.Equal([village.Household, (string)notPoor["id"]!], data["poorFirst"]!["nodes"]!.AsArray().Select(n => (string)n!["id"]!));
        Assert.Equal([village.Unit, village.Committee], data["byKind"]!["nodes"]!.AsArray().Select(n => (string)n!["id"]!));
    }

    [Theory]
    [InlineData("{ recipients(order: [{ isRegisteredPoor: DESC }]) { totalCount } }", "order[0].isRegisteredPoor")]
    [InlineData("{ handovers(order: [{ recipient: { headOfHousehold: ASC } }]) { totalCount } }", "order[0].recipient.headOfHousehold")]
    [InlineData("{ recipients { nodes { children(order: [{ memberCount: ASC }]) { totalCount } } } }", "order[0].memberCount")]
    public async Task Volunteers_may_not_sort_on_household_details(string query, string field)
    {
        var volunteer = await app.GraphQLAsAsync(Role.Volunteer);

        var response = await volunteer.SendAsync(query);

        var error = response.Json["errors"]!.AsArray().First()!;
        Assert.Equal("FORBIDDEN", (string?)error["extensions"]!["code"]);
        Assert.Contains(field, (string)error["message"]!, StringComparison.Ordinal);
        var staff = await app.GraphQLAsAsync(Role.Staff);
        await staff.DataAsync(query);
    }

    [Theory]
    [InlineData("{ recipients(order: [{ idNumber: ASC }]) { totalCount } }")]
    [InlineData("{ recipients(order: [{ phone: ASC }]) { totalCount } }")]
    [InlineData("{ handovers(order: [{ recipient: { name: ASC, kind: ASC } }]) { totalCount } }")]
    [InlineData("{ handovers(order: [{ recipient: ASC }]) { totalCount } }")]
    [InlineData("{ recipients(order: [{ parent: { parent: { parent: { parent: { parent: { parent: { parent: { parent: { parent: { parent: { parent: { name: ASC } } } } } } } } } } } }]) { totalCount } }")]
    public async Task Identity_numbers_phones_and_malformed_related_keys_are_not_sort_keys(string query)
    {
        var response = await Client.SendAsync(query);

        var error = response.Json["errors"]!.AsArray().First()!;
        Assert.Contains((string?)error["extensions"]!["code"], RefusalCodes);
        Assert.Null(response.Json["data"]?["handovers"] ?? response.Json["data"]?["recipients"]);
    }
}
