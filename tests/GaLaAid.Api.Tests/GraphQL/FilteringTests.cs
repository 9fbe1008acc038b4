using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GaLaAid.Api.Accounts;

namespace GaLaAid.Api.Tests.GraphQL;

/// <summary>
/// <c>where</c> on connections, against rows made here: every operator per kind of field, and/or,
/// related objects, the SQL it becomes, and what is refused.
/// </summary>
public sealed partial class FilteringTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private readonly LedgerScenario scenario = new(app);

    private GraphQLClient Client => scenario.Client;

    /// <summary>Four donors whose names start with a prefix of their own, so each test sees only its rows.</summary>
    private async Task<(string Prefix, Dictionary<string, string> Ids)> DonorsAsync()
    {
        var prefix = $"F{Guid.NewGuid():N}"[..9];
        var ids = new Dictionary<string, string>();
        foreach (var (name, kind) in new[] { ("alpha", "PERSON"), ("beta-co", "COMPANY"), ("gamma-branch", "PARTY_BRANCH"), ("delta", "PERSON") })
        {
            var donor = (await Client.MutateAsync("createDonor", "donor", "{ id }", new { name = prefix + name, kind })).Ok();
            ids[name] = (string)donor["id"]!;
        }

        return (prefix, ids);
    }

    private async Task<(List<string> Names, int Total)> DonorNamesAsync(string prefix, object where, GraphQLClient? client = null)
    {
        var data = await (client ?? Client).DataAsync(
            "query($where: DonorFilterInput) { donors(where: $where) { totalCount nodes { name } } }",
            new { where = new { and = new[] { new { name = new { startsWith = prefix } }, where } } });
        var names = data["donors"]!["nodes"]!.AsArray().Select(n => ((string)n!["name"]!)[prefix.Length..]).ToList();
        return (names, (int)data["donors"]!["totalCount"]!);
    }

    private async Task<List<string>> NamesAsync(string prefix, object where) => (await DonorNamesAsync(prefix, where)).Names;

    [Fact]
    public async Task String_operators_select_the_expected_donors()
    {
        var (p, _) = await DonorsAsync();

        Assert.Equal(["beta-co"], await NamesAsync(p, new { name = new { eq = p + "beta-co" } }));
        Assert.Equal(["alpha", "gamma-branch", "delta"], await NamesAsync(p, new { name = new { neq = p + "beta-co" } }));
        Assert.Equal(["alpha", "delta"], await NamesAsync(p, new { name = new { @in = new[] { p + "alpha", p + "delta", "nobody" } } }));
        Assert.Equal(["beta-co", "gamma-branch"], await NamesAsync(p, new { name = new { nin = new[] { p + "alpha", p + "delta" } } }));
        Assert.Equal(["beta-co", "gamma-branch"], await NamesAsync(p, new { name = new { contains = "-" } }));
        Assert.Equal(["alpha", "delta"], await NamesAsync(p, new { name = new { ncontains = "-" } }));
        Assert.Equal(["gamma-branch"], await NamesAsync(p, new { name = new { startsWith = p + "gam" } }));
        Assert.Equal(["alpha", "beta-co", "delta"], await NamesAsync(p, new { name = new { nstartsWith = p + "gam" } }));
        Assert.Equal(["alpha", "delta"], await NamesAsync(p, new { name = new { endsWith = "a" } }));
        Assert.Equal(["beta-co", "gamma-branch"], await NamesAsync(p, new { name = new { nendsWith = "a" } }));
    }

    [Fact]
    public async Task Enum_and_id_operators_select_the_expected_donors()
    {
        var (p, ids) = await DonorsAsync();

        Assert.Equal(["alpha", "delta"], await NamesAsync(p, new { kind = new { eq = "PERSON" } }));
        Assert.Equal(["beta-co", "gamma-branch"], await NamesAsync(p, new { kind = new { neq = "PERSON" } }));
        Assert.Equal(["beta-co", "gamma-branch"], await NamesAsync(p, new { kind = new { @in = new List<string> { "COMPANY", "PARTY_BRANCH" } } }));
        Assert.Equal(["alpha", "gamma-branch", "delta"], await NamesAsync(p, new { kind = new { nin = new List<string> { "COMPANY" } } }));
        Assert.Equal(["gamma-branch"], await NamesAsync(p, new { id = new { eq = ids["gamma-branch"] } }));
        Assert.Equal(["alpha", "beta-co", "delta"], await NamesAsync(p, new { id = new { neq = ids["gamma-branch"] } }));
        Assert.Equal(["alpha", "delta"], await NamesAsync(p, new { id = new { @in = new[] { ids["alpha"], ids["delta"] } } }));
        Assert.Equal(["beta-co", "gamma-branch"], await NamesAsync(p, new { id = new { nin = new[] { ids["alpha"], ids["delta"] } } }));
    }

    [Fact]
    public async Task An_id_of_another_type_is_an_invalid_id_error_naming_the_field()
    {
        var response = await Client.SendAsync(
            "query($id: ID!) { donors(where: { id: { eq: $id } }) { totalCount } }", new { id = LedgerScenario.CategoryId(LedgerScenario.TvSet) });

        var error = Assert.Single(response.Json["errors"]!.AsArray())!;
        Assert.Equal("INVALID_ID", (string?)error["extensions"]!["code"]);
        Assert.Contains("where.id.eq", (string)error["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task And_or_nest_as_written()
    {
        var (p, _) = await DonorsAsync();

        var names = await NamesAsync(p, new
        {
            or = new object[]
            {
                new { kind = new { eq = "COMPANY" } },
                new { and = new object[] { new { kind = new { eq = "PERSON" } }, new { name = new { endsWith = "delta" } } } },
            },
        });

        Assert.Equal(["beta-co", "delta"], names);
        Assert.Equal(["alpha", "beta-co", "gamma-branch", "delta"], await NamesAsync(p, new { }));
    }

    private async Task<(string Fund, List<string> Donations)> CashDonationsAsync()
    {
        var fund = await scenario.FundAsync();
        var company = (string)(await Client.MutateAsync("createDonor", "donor", "{ id }", new { name = "某公司", kind = "COMPANY" })).Ok()["id"]!;
        var person = (string)(await Client.MutateAsync("createDonor", "donor", "{ id }", new { name = "某人", kind = "PERSON" })).Ok()["id"]!;
        var donations = new List<string>();
        foreach (var (donor, amount, days) in new[] { (company, 100L, -3), (person, 250L, -2), (company, 500L, -1), (person, 1000L, 0) })
        {
            donations.Add((string)(await Client.MutateAsync(
                "recordCashDonation", "cashDonation", "{ id }", new { donorId = donor, fundId = fund, amountFen = amount, receivedOn = LedgerScenario.Today(days) })).Ok()["id"]!);
        }

        return (fund, donations);
    }

    private async Task<(List<long> Amounts, int Total)> AmountsAsync(string fund, object where)
    {
        var data = await Client.DataAsync(
            "query($where: CashDonationFilterInput) { cashDonations(where: $where) { totalCount nodes { amountFen } } }",
            new { where = new { and = new[] { new { fund = new { id = new { eq = fund } } }, where } } });
        return (data["cashDonations"]!["nodes"]!.AsArray().Select(n => (long)n!["amountFen"]!).ToList(), (int)data["cashDonations"]!["totalCount"]!);
    }

    [Fact]
    public async Task Number_and_date_operators_select_the_expected_donations()
    {
        var (fund, _) = await CashDonationsAsync();

        async Task<List<long>> Amounts(object where) => (await AmountsAsync(fund, where)).Amounts;
        Assert.Equal([250L], await Amounts(new { amountFen = new { eq = 250 } }));
        Assert.Equal([100L, 500, 1000], await Amounts(new { amountFen = new { neq = 250 } }));
        Assert.Equal([100L, 1000], await Amounts(new { amountFen = new { @in = new List<int> { 100, 1000, 7 } } }));
        Assert.Equal([250L, 500], await Amounts(new { amountFen = new { nin = new List<int> { 100, 1000 } } }));
        Assert.Equal([500L, 1000], await Amounts(new { amountFen = new { gt = 250 } }));
        Assert.Equal([250L, 500, 1000], await Amounts(new { amountFen = new { gte = 250 } }));
        Assert.Equal([100L], await Amounts(new { amountFen = new { lt = 250 } }));
        Assert.Equal([100L, 250], await Amounts(new { amountFen = new { lte = 250 } }));
        Assert.Equal([250L, 500], await Amounts(new { amountFen = new { gt = 100, lt = 1000 } }));
        Assert.Equal([500L, 1000], await Amounts(new { receivedOn = new { gte = LedgerScenario.Today(-1) } }));
        Assert.Equal([100L], await Amounts(new { receivedOn = new { lt = LedgerScenario.Today(-2) } }));
        Assert.Equal([250L], await Amounts(new { receivedOn = new { eq = LedgerScenario.Today(-2) } }));
        Assert.Equal([100L, 250, 500, 1000], await Amounts(new { recordedAt = new { lte = DateTime.UtcNow.AddMinutes(1) } }));
        Assert.Empty(await Amounts(new { recordedAt = new { gt = DateTime.UtcNow.AddMinutes(1) } }));
    }

    [Fact]
    public async Task DateTime_bounds_split_rows_recorded_at_different_moments()
    {
        var (p, _) = await DonorsAsync();
        var data = await Client.DataAsync(
            "query($p: String) { donors(where: { name: { startsWith: $p } }) { nodes { name recordedAt } } }", new { p });
        var second = (string)data["donors"]!["nodes"]![1]!["recordedAt"]!;

        Assert.Equal(["gamma-branch", "delta"], await NamesAsync(p, new { recordedAt = new { gt = second } }));
        Assert.Equal(["alpha", "beta-co"], await NamesAsync(p, new { recordedAt = new { lte = second } }));
    }

    [Fact]
    public async Task Related_objects_filter_by_their_own_fields()
    {
        var (fund, _) = await CashDonationsAsync();

        Assert.Equal([100L, 500], (await AmountsAsync(fund, new { donor = new { kind = new { eq = "COMPANY" } } })).Amounts);
        Assert.Equal([250L, 1000], (await AmountsAsync(fund, new { donor = new { name = new { eq = "某人" } } })).Amounts);

        var tvs = await scenario.PerUnitAsync(2);
        await scenario.LotAsync(5);
        var data = await Client.DataAsync(
            """query($codes: [String]) { stockItems(where: { labelCode: { in: $codes }, category: { name: { eq: "电视机" }, parent: { code: { eq: "appliances" } } } }) { totalCount nodes { labelCode } } }""",
            new { codes = tvs.Select(t => t.LabelCode).Append("GL-NONE-NONE").ToArray() });
        Assert.Equal(tvs.Select(t => t.LabelCode), data["stockItems"]!["nodes"]!.AsArray().Select(n => (string)n!["labelCode"]!));
        var seeds = await Client.DataAsync("""{ stockItems(where: { line: { category: { code: { eq: "tv" } }, tracking: { eq: LOT } } }) { totalCount } }""");
        Assert.Equal(0, (int)seeds["stockItems"]!["totalCount"]!);
    }

    [Fact]
    public async Task Boolean_operators_and_the_old_shortcuts_combine()
    {
        var village = await scenario.VillageAsync();
        var poor = await scenario.HouseholdAsync(village.Unit, "贫困户");
        var other = (string)(await Client.MutateAsync("createRecipient", "recipient", "{ id }", new { kind = "HOUSEHOLD", name = "一般户", parentId = village.Unit, headOfHousehold = "李", memberCount = 2, isRegisteredPoor = false })).Ok()["id"]!;

        async Task<List<string>> Ids(string where) =>
            (await Client.DataAsync($$"""query($unit: ID!) { recipients(parentId: $unit, where: {{where}}) { nodes { id } } }""", new { unit = village.Unit }))["recipients"]!["nodes"]!
            .AsArray().Select(n => (string)n!["id"]!).ToList();

        Assert.Equal([village.Household, poor], await Ids("{ isRegisteredPoor: { eq: true } }"));
        Assert.Equal([other], await Ids("{ isRegisteredPoor: { neq: true } }"));
        Assert.Equal([other], await Ids("{ memberCount: { lt: 3 }, parent: { unitNumber: { eq: 1 } } }"));
    }

    [Fact]
    public async Task TotalCount_counts_what_where_selects_not_the_page()
    {
        var (p, _) = await DonorsAsync();
        var data = await Client.DataAsync(
            "query($p: String) { donors(first: 1, where: { name: { startsWith: $p }, kind: { eq: PERSON } }) { totalCount nodes { name } pageInfo { hasNextPage } } }", new { p });

        Assert.Equal(2, (int)data["donors"]!["totalCount"]!);
        Assert.Single(data["donors"]!["nodes"]!.AsArray());
        Assert.True((bool)data["donors"]!["pageInfo"]!["hasNextPage"]!);
    }

    [Fact]
    public async Task The_filter_is_translated_to_a_SQL_where_clause()
    {
        var (p, _) = await DonorsAsync();

        app.SqlCommands.Reset();
        var (names, _) = await DonorNamesAsync(p, new { kind = new { @in = new List<string> { "COMPANY" } } });

        Assert.Equal(["beta-co"], names);
        var select = Assert.Single(app.SqlCommands.Texts, t => t.Contains("FROM \"Donors\"", StringComparison.Ordinal) && !t.Contains("COUNT", StringComparison.Ordinal));
        Assert.Matches(WhereOnKindAndName(), select);
        Assert.DoesNotContain(app.SqlCommands.Texts, t => t.Contains("FROM \"Donors\"", StringComparison.Ordinal) && !t.Contains("WHERE", StringComparison.Ordinal));
    }

    [GeneratedRegex("(?s)WHERE .*\"Name\".*\"Kind\"")]
    private static partial Regex WhereOnKindAndName();

    [Theory]
    [InlineData("{ name: { gt: \"a\" } }", "gt")]
    [InlineData("{ name: { eq: 5 } }", "eq")]
    [InlineData("{ kind: { eq: \"PERSON\" } }", "eq")]
    [InlineData("{ recordedAt: { contains: \"2026\" } }", "contains")]
    [InlineData("{ colour: { eq: \"red\" } }", "colour")]
    [InlineData("{ and: { nope: { eq: 1 } } }", "nope")]
    public async Task Unknown_fields_and_wrong_operator_types_are_validation_errors(string where, string named)
    {
        var response = await Client.SendAsync($"{{ donors(where: {where}) {{ totalCount }} }}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Null(response.Json["data"]);
        var error = response.Json["errors"]!.AsArray()[0]!;
        Assert.Contains(named, (string)error["message"]!, StringComparison.Ordinal);
        Assert.NotNull(error["locations"]);
    }

    [Fact]
    public async Task An_in_list_longer_than_the_limit_is_refused_naming_the_field()
    {
        var response = await Client.SendAsync(
            "query($names: [String]) { donors(where: { name: { in: $names } }) { totalCount } }",
            new { names = Enumerable.Range(0, 501).Select(i => $"n{i}").ToArray() });

        var error = Assert.Single(response.Json["errors"]!.AsArray())!;
        Assert.Equal("VALIDATION_FAILED", (string?)error["extensions"]!["code"]);
        Assert.Contains("where.name.in", (string)error["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task And_or_nested_deeper_than_the_limit_is_refused()
    {
        var where = "{ name: { eq: \"x\" } }";
        for (var i = 0; i < 11; i++)
        {
            where = $"{{ or: [{where}] }}";
        }

        var response = await Client.SendAsync($"{{ donors(where: {where}) {{ totalCount }} }}");

        var error = Assert.Single(response.Json["errors"]!.AsArray())!;
        Assert.Equal("VALIDATION_FAILED", (string?)error["extensions"]!["code"]);
        Assert.Contains("levels deep", (string)error["message"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ recipients(where: { isRegisteredPoor: { eq: true } }) { totalCount } }", "where.isRegisteredPoor")]
    [InlineData("{ recipients(where: { or: [{ name: { eq: \"x\" } }, { headOfHousehold: { contains: \"马\" } }] }) { totalCount } }", "where.or[1].headOfHousehold")]
    [InlineData("{ handovers(where: { recipient: { memberCount: { gt: 1 } } }) { totalCount } }", "where.recipient.memberCount")]
    public async Task Volunteers_may_not_filter_on_household_details(string query, string field)
    {
        var volunteer = await app.GraphQLAsAsync(Role.Volunteer);

        var response = await volunteer.SendAsync(query);

        var error = Assert.Single(response.Json["errors"]!.AsArray())!;
        Assert.Equal("FORBIDDEN", (string?)error["extensions"]!["code"]);
        Assert.Contains(field, (string)error["message"]!, StringComparison.Ordinal);
        var staff = await app.GraphQLAsAsync(Role.Staff);
        await staff.DataAsync(query);
    }

    [Fact]
    public async Task Volunteers_filter_on_what_they_may_read()
    {
        var village = await scenario.VillageAsync();
        var volunteer = await app.GraphQLAsAsync(Role.Volunteer);

        var data = await volunteer.DataAsync(
            "query($unit: ID!) { recipients(where: { parent: { id: { eq: $unit } }, kind: { eq: HOUSEHOLD } }) { nodes { id } } }", new { unit = village.Unit });

        Assert.Equal([village.Household], data["recipients"]!["nodes"]!.AsArray().Select(n => (string)n!["id"]!));
    }

    [Fact]
    public async Task Nested_connections_filter_their_children_in_the_batched_command()
    {
        var fund = await scenario.FundAsync();
        var (p, ids) = await DonorsAsync();
        foreach (var (donor, amount) in new[] { ("alpha", 100L), ("alpha", 900L), ("beta-co", 50L), ("beta-co", 700L), ("beta-co", 800L) })
        {
            await scenario.CashDonationAsync(ids[donor], fund, amount);
        }

        app.SqlCommands.Reset();
        var data = await Client.DataAsync(
            """query($p: String) { donors(where: { name: { startsWith: $p } }) { nodes { name cashDonations(where: { amountFen: { gte: 500 } }) { totalCount nodes { amountFen } } } } }""",
            new { p });

        var amounts = data["donors"]!["nodes"]!.AsArray().ToDictionary(
            n => ((string)n!["name"]!)[p.Length..],
            n => n!["cashDonations"]!["nodes"]!.AsArray().Select(a => (long)a!["amountFen"]!).ToList());
        Assert.Equal([900L], amounts["alpha"]);
        Assert.Equal([700L, 800L], amounts["beta-co"]);
        Assert.Empty(amounts["delta"]);
        var children = Assert.Single(app.SqlCommands.Texts, t => t.Contains("FROM \"CashDonations\"", StringComparison.Ordinal));
        Assert.Contains("\"AmountFen\" >= @", children, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_trail_filters_by_operation_actor_and_input()
    {
        var (p, _) = await DonorsAsync();

        var data = await Client.DataAsync(
            "query($p: String) { auditTrail(actor: \"admin\", where: { operation: { eq: \"createDonor\" }, input: { contains: $p } }) { totalCount } }", new { p });

        Assert.Equal(4, (int)data["auditTrail"]!["totalCount"]!);
    }
}
