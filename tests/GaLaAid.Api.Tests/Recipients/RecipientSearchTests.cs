using System.Net;
using GaLaAid.Api.Tests.Accounts;

namespace GaLaAid.Api.Tests.Recipients;

/// <summary>
/// recipients(search:): a volunteer on the handover page looks up a household by its name, or the
/// households of a social unit by the unit's name or number, in SQL, seeing only name and unit.
/// </summary>
public sealed class RecipientSearchTests(RecipientSearchTests.Village app) : IClassFixture<RecipientSearchTests.Village>, IAsyncLifetime
{
    private readonly LedgerScenario scenario = new(app);
    private IReadOnlyDictionary<string, string> ids = new Dictionary<string, string>();

    /// <summary>The service with one village of three social units in it, built once for the whole class.</summary>
    public sealed class Village : GaLaAidApp
    {
        private readonly Lazy<Task<IReadOnlyDictionary<string, string>>> recipients;

        public Village() => recipients = new(BuildAsync);

        public Task<IReadOnlyDictionary<string, string>> RecipientsAsync() => recipients.Value;

        private async Task<IReadOnlyDictionary<string, string>> BuildAsync()
        {
            var scenario = new LedgerScenario(this);
            async Task<string> Create(object input) =>
                (string)(await scenario.Client.MutateAsync("createRecipient", "recipient", "{ id }", input)).Ok()["id"]!;

            var committee = await Create(new { kind = "VILLAGE_COMMITTEE", name = "搜索村村委会" });
            var unit1 = await Create(new { kind = "SOCIAL_UNIT", name = "一社", parentId = committee, unitNumber = 1 });
            var unit3 = await Create(new { kind = "SOCIAL_UNIT", name = "三社", parentId = committee, unitNumber = 3 });
            var unit13 = await Create(new { kind = "SOCIAL_UNIT", name = "十三社", parentId = committee, unitNumber = 13 });
            return new Dictionary<string, string>
            {
                ["committee"] = committee,
                ["一社"] = unit1,
                ["三社"] = unit3,
                ["十三社"] = unit13,
                ["马家"] = await scenario.HouseholdAsync(unit1, "马家"),
                ["马文家"] = await scenario.HouseholdAsync(unit3, "马文家"),
                ["韩家"] = await scenario.HouseholdAsync(unit3, "韩家"),
                ["才仁家"] = await scenario.HouseholdAsync(unit13, "才仁家"),
            };
        }
    }

    public async Task InitializeAsync() => ids = await app.RecipientsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<string>> SearchAsync(string search, string? extra = null, GraphQLClient? client = null)
    {
        var data = await (client ?? scenario.Client).DataAsync(
            $"query($s: String) {{ recipients(search: $s{extra}, first: 100) {{ nodes {{ name }} }} }}", new { s = search });
        return data["recipients"]!["nodes"]!.AsArray().Select(n => (string)n!["name"]!).ToList();
    }

    [Fact]
    public async Task Search_finds_households_whose_name_contains_the_text_at_any_level()
    {
        Assert.Equal(["马家", "马文家"], await SearchAsync("马"));
        Assert.Equal(["马文家"], await SearchAsync(" 文家 "));
        Assert.Empty(await SearchAsync("没有这家"));
    }

    [Fact]
    public async Task Search_by_a_social_unit_s_name_finds_the_unit_and_its_households()
    {
        Assert.Equal(["三社", "十三社", "马文家", "韩家", "才仁家"], await SearchAsync("三社"));
        Assert.Equal(["一社", "马家"], await SearchAsync("一社"));
    }

    [Fact]
    public async Task Search_by_a_social_unit_s_number_finds_the_unit_and_its_households()
    {
        Assert.Equal(["三社", "马文家", "韩家"], await SearchAsync("3"));
        Assert.Equal(["十三社", "才仁家"], await SearchAsync("13"));
    }

    [Fact]
    public async Task Search_combines_with_kind()
    {
        Assert.Equal(["马文家", "韩家"], await SearchAsync("3", ", kind: HOUSEHOLD"));
        Assert.Equal(["三社"], await SearchAsync("3", ", kind: SOCIAL_UNIT"));
    }

    [Fact]
    public async Task Search_is_translated_to_sql_and_pages_like_every_list()
    {
        app.SqlCommands.Reset();
        var data = await scenario.Client.DataAsync("""{ recipients(search: "3", first: 2) { totalCount pageInfo { hasNextPage } nodes { name } } }""");

        Assert.Equal(3, (int)data["recipients"]!["totalCount"]!);
        Assert.True((bool)data["recipients"]!["pageInfo"]!["hasNextPage"]!);
        Assert.Equal(["三社", "马文家"], data["recipients"]!["nodes"]!.AsArray().Select(n => (string)n!["name"]!));
        Assert.InRange(app.SqlCommands.Count, 1, 4);
    }

    [Fact]
    public async Task A_blank_search_lists_the_top_of_the_tree_as_without_it()
    {
        Assert.Equal(await SearchAsync(string.Empty, client: null), (await scenario.Client.DataAsync("{ recipients(first: 100) { nodes { name } } }"))
            ["recipients"]!["nodes"]!.AsArray().Select(n => (string)n!["name"]!).ToList());
        Assert.Contains("搜索村村委会", await SearchAsync("  "));
    }

    [Fact]
    public async Task An_over_long_search_is_refused()
    {
        var response = await scenario.Client.SendAsync("query($s: String) { recipients(search: $s) { nodes { name } } }", new { s = new string('马', 101) });

        Assert.Equal(["VALIDATION_FAILED"], response.Codes());
    }

    [Fact]
    public async Task A_volunteer_signed_in_on_a_phone_searches_by_get_and_sees_name_and_social_unit()
    {
        (await scenario.Client.MutateAsync("createUser", "user", "{ id }", new { userName = "search.v", displayName = "卓玛", role = "VOLUNTEER", pin = "271828" })).Ok();
        var phone = Browser.Open(app);
        Assert.Equal(HttpStatusCode.OK, (await phone.SignInAsync(new { userName = "search.v", pin = "271828" })).Status);

        var found = await phone.GetAsync("""{ recipients(search: "3", kind: HOUSEHOLD) { nodes { id kind name parent { name unitNumber } } } }""");
        var prying = await phone.GetAsync("""{ recipients(search: "3", kind: HOUSEHOLD) { nodes { name headOfHousehold isRegisteredPoor phone idNumber } } }""");

        Assert.Equal(HttpStatusCode.OK, found.Status);
        var nodes = found.Json["data"]!["recipients"]!["nodes"]!.AsArray();
        Assert.Equal([ids["马文家"], ids["韩家"]], nodes.Select(n => (string?)n!["id"]));
        Assert.All(nodes, n => Assert.Equal("三社", (string?)n!["parent"]!["name"]));
        prying.AssertForbidden();
        Assert.Equal(4, prying.Codes().Count);
    }
}
