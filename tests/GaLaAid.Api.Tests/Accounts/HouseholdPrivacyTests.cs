using System.Net;
using System.Text.Json.Nodes;
using GaLaAid.Api.Accounts;

namespace GaLaAid.Api.Tests.Accounts;

/// <summary>The service with one village in it: a committee, a social unit, a poor household with all its personal data, and a lot of goods.</summary>
public sealed class VillageApp : GaLaAidApp, IAsyncLifetime
{
    public const string IdNumber = "623021198001011234";

    public string Household { get; private set; } = string.Empty;

    public LedgerScenario.Item Lot { get; private set; } = new(string.Empty, string.Empty);

    public async Task InitializeAsync()
    {
        var scenario = new LedgerScenario(this);
        var committee = (string)(await scenario.Client.MutateAsync(
            "createRecipient", "recipient", "{ id }", new { kind = "VILLAGE_COMMITTEE", name = "尕拉村村委会" })).Ok()["id"]!;
        var unit = (string)(await scenario.Client.MutateAsync(
            "createRecipient", "recipient", "{ id }", new { kind = "SOCIAL_UNIT", name = "一社", parentId = committee, unitNumber = 1 })).Ok()["id"]!;
        Household = (string)(await scenario.Client.MutateAsync("createRecipient", "recipient", "{ id }", new
        {
            kind = "HOUSEHOLD",
            name = "马家",
            parentId = unit,
            headOfHousehold = "马文德",
            memberCount = 5,
            isRegisteredPoor = true,
            idNumber = IdNumber,
            phone = "13909411234",
            note = "低保户，子女在外务工",
        })).Ok()["id"]!;
        Lot = await scenario.LotAsync(1_000);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// What each role sees of a poor household: volunteers see its name and where it lives, nothing
/// personal and no money, by no path through the graph; staff and auditors see the identity-document
/// number masked; admins see it whole. Volunteers see only the handovers they made themselves.
/// </summary>
public sealed class HouseholdPrivacyTests(VillageApp app) : IClassFixture<VillageApp>
{
    private const string IdNumber = VillageApp.IdNumber;
    private const string MaskedIdNumber = "**************1234";

    private readonly LedgerScenario scenario = new(app);

    private async Task<JsonNode> HouseholdAsSeenByAsync(Role role, string selection) =>
        await (await app.GraphQLAsAsync(role)).DataAsync(
            $"query($id: ID!) {{ recipients(kind: HOUSEHOLD, first: 100) {{ nodes {{ id {selection} }} }} node(id: $id) {{ ... on Recipient {{ {selection} }} }} }}",
            new { id = app.Household });

    [Theory]
    [InlineData("isRegisteredPoor")]
    [InlineData("idNumber")]
    [InlineData("phone")]
    [InlineData("headOfHousehold")]
    [InlineData("memberCount")]
    [InlineData("note")]
    [InlineData("handovers { nodes { id } }")]
    [InlineData("disbursements { nodes { amountFen } }")]
    public async Task A_volunteer_selecting_a_private_household_field_is_refused(string selection)
    {
        var volunteer = await app.GraphQLAsAsync(Role.Volunteer);

        var response = await volunteer.SendAsync($"{{ recipients(kind: HOUSEHOLD) {{ nodes {{ name {selection} }} }} }}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        response.AssertForbidden();
    }

    [Fact]
    public async Task A_volunteer_signed_in_on_a_phone_is_refused_private_fields_too()
    {
        var admin = app.GraphQL();
        await admin.MutateAsync("createUser", "user", "{ id }", new { userName = "phone.v", displayName = "卓玛", role = "VOLUNTEER", pin = "314159" });
        var phone = Browser.Open(app);
        Assert.Equal(HttpStatusCode.OK, (await phone.SignInAsync(new { userName = "phone.v", pin = "314159" })).Status);

        var get = await phone.GetAsync("{ recipients(kind: HOUSEHOLD) { nodes { name idNumber } } }");
        var post = await phone.PostAsync("{ recipients(kind: HOUSEHOLD) { nodes { name phone } } }");

        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("{ recipients(kind: HOUSEHOLD) { nodes { name } } }")).Status);
        get.AssertForbidden();
        post.AssertForbidden();
    }

    [Fact]
    public async Task A_volunteer_sees_a_household_s_name_and_its_social_unit()
    {
        var volunteer = await app.GraphQLAsAsync(Role.Volunteer);

        var data = await volunteer.DataAsync("{ recipients(kind: HOUSEHOLD) { nodes { id kind name parent { name unitNumber parent { name } } } } }");

        var node = Assert.Single(data["recipients"]!["nodes"]!.AsArray(), n => (string?)n!["id"] == app.Household)!;
        Assert.Equal("HOUSEHOLD", (string?)node["kind"]);
        Assert.Equal("马家", (string?)node["name"]);
        Assert.Equal("一社", (string?)node["parent"]!["name"]);
        Assert.Equal(1, (int)node["parent"]!["unitNumber"]!);
        Assert.Equal("尕拉村村委会", (string?)node["parent"]!["parent"]!["name"]);
    }

    [Theory]
    [InlineData(Role.Admin, IdNumber)]
    [InlineData(Role.Staff, MaskedIdNumber)]
    [InlineData(Role.Auditor, MaskedIdNumber)]
    public async Task The_id_number_is_whole_for_admins_and_masked_for_staff_and_auditors(Role role, string expected)
    {
        var data = await HouseholdAsSeenByAsync(role, "idNumber phone headOfHousehold memberCount isRegisteredPoor");

        var listed = data["recipients"]!["nodes"]!.AsArray().Single(n => (string?)n!["id"] == app.Household)!;
        foreach (var seen in new[] { listed, data["node"]! })
        {
            Assert.Equal(expected, (string?)seen["idNumber"]);
            Assert.Equal("13909411234", (string?)seen["phone"]);
            Assert.Equal("马文德", (string?)seen["headOfHousehold"]);
            Assert.Equal(5, (int)seen["memberCount"]!);
            Assert.True((bool)seen["isRegisteredPoor"]!);
        }
    }

    [Fact]
    public async Task Staff_see_the_id_number_masked_in_what_their_own_write_returns()
    {
        var staff = await app.GraphQLAsAsync(Role.Staff);
        var unit = (string)(await app.GraphQL().DataAsync(
            "query($id: ID!) { node(id: $id) { ... on Recipient { parent { id } } } }", new { id = app.Household }))["node"]!["parent"]!["id"]!;

        var created = (await staff.MutateAsync("createRecipient", "recipient", "{ idNumber }", new
        {
            kind = "HOUSEHOLD",
            name = "李家",
            parentId = unit,
            headOfHousehold = "李明",
            memberCount = 3,
            idNumber = "62302119900202567X",
        })).Ok();

        Assert.Equal("**************567X", (string?)created["idNumber"]);
    }

    [Fact]
    public async Task A_volunteer_sees_only_the_handovers_they_made()
    {
        var volunteer = await app.GraphQLAsAsync(Role.Volunteer);
        var other = await OtherVolunteerAsync();
        var byAdmin = await HandOverAsync(scenario.Client);
        var byVolunteer = await HandOverAsync(volunteer);
        var byOther = await HandOverAsync(other);

        var mine = await HandoverIdsAsync(volunteer);
        var theirs = await HandoverIdsAsync(other);
        var all = await HandoverIdsAsync(await app.GraphQLAsAsync(Role.Staff));

        Assert.Contains(byVolunteer, mine);
        Assert.DoesNotContain(byAdmin, mine);
        Assert.DoesNotContain(byOther, mine);
        Assert.All(mine, id => Assert.DoesNotContain(id, theirs));
        Assert.Equal([byOther], theirs);
        Assert.Superset(new HashSet<string>([byAdmin, byVolunteer, byOther]), new HashSet<string>(all));
        Assert.Equal(
            ["volunteer-user"],
            (await volunteer.DataAsync("{ handovers(first: 100) { nodes { handedOverBy } } }"))["handovers"]!["nodes"]!.AsArray()
                .Select(n => (string?)n!["handedOverBy"]).Distinct());
    }

    [Theory]
    [InlineData("itemByCode(code: $code) { entries { nodes { id } } }")]
    [InlineData("itemByCode(code: $code) { line { donation { donor { cashDonations { nodes { amountFen } } } } } }")]
    [InlineData("itemByCode(code: $code) { line { donation { donor { inKindDonations { nodes { id } } } } } }")]
    [InlineData("itemByCode(code: $code) { line { donation { donor { contact } } } }")]
    [InlineData("itemByCode(code: $code) { line { donation { donor { note } } } }")]
    [InlineData("itemByCode(code: $code) { line { donation { pledge { id } } } }")]
    [InlineData("itemByCode(code: $code) { line { plannedRecipient { isRegisteredPoor } } }")]
    [InlineData("itemByCode(code: $code) { line { items { nodes { entries { nodes { handover { id } } } } } } }")]
    [InlineData("handovers { nodes { recipient { phone } } }")]
    [InlineData("handovers { nodes { recipient { handovers { nodes { handedOverBy } } } } }")]
    [InlineData("handovers { nodes { entries { item { entries { nodes { id } } } } } }")]
    [InlineData("recipients { nodes { children { nodes { children { nodes { idNumber } } } } } }")]
    [InlineData("recipients { nodes { children { nodes { disbursements { nodes { amountFen } } } } } }")]
    [InlineData("recipients { nodes { ... on Recipient { headOfHousehold } } }")]
    [InlineData("recipients { nodes { ...Private } }")]
    [InlineData("recipients { nodes { name: memberCount } }")]
    [InlineData("me { apiKeys { prefix } }")]
    [InlineData("node(id: \"UmVjaXBpZW50OjE=\") { id }")]
    public async Task A_volunteer_cannot_reach_closed_data_through_nesting_fragments_or_aliases(string selection)
    {
        var volunteer = await app.GraphQLAsAsync(Role.Volunteer);
        var fragment = selection.Contains("...Private", StringComparison.Ordinal) ? " fragment Private on Recipient { idNumber }" : string.Empty;
        var usesCode = selection.Contains("$code", StringComparison.Ordinal);
        var document = (usesCode ? "query($code: String!) { " : "query { ") + selection + " }" + fragment;

        var response = await volunteer.SendAsync(document, usesCode ? new { code = app.Lot.LabelCode } : null);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        response.AssertForbidden();
    }

    [Fact]
    public async Task A_volunteer_can_look_an_item_up_and_see_what_the_handover_needs()
    {
        var volunteer = await app.GraphQLAsAsync(Role.Volunteer);

        var item = (await volunteer.DataAsync(
            "query($code: String!) { itemByCode(code: $code) { id labelCode quantityOnHand category { name } line { description unit donation { donor { name } } } } }",
            new { code = app.Lot.LabelCode }))["itemByCode"]!;

        Assert.Equal(app.Lot.Id, (string?)item["id"]);
        Assert.Equal("捐赠物资", (string?)item["line"]!["description"]);
    }

    private async Task<string> HandOverAsync(GraphQLClient client) =>
        (string)(await client.MutateAsync(
            "recordHandover", "handover", "{ id }",
            new { recipientId = app.Household, receivedBy = "马文德", lines = new[] { LedgerScenario.Take(app.Lot) } })).Ok()["id"]!;

    private static async Task<IReadOnlyList<string>> HandoverIdsAsync(GraphQLClient client) =>
        (await client.DataAsync("{ handovers(first: 100) { nodes { id } } }"))["handovers"]!["nodes"]!.AsArray()
            .Select(n => (string)n!["id"]!).ToList();

    private async Task<GraphQLClient> OtherVolunteerAsync()
    {
        var admin = app.GraphQL();
        var userName = $"volunteer.{Guid.NewGuid():N}"[..20];
        var user = (await admin.MutateAsync(
            "createUser", "user", "{ id }", new { userName, displayName = "Another volunteer", role = "VOLUNTEER" })).Ok();
        var key = (string)(await admin.MutateAsync(
            "createApiKey", "created", "{ key }", new { userId = (string)user["id"]!, name = "tests" })).Ok()["key"]!;
        return app.GraphQL(key);
    }
}
