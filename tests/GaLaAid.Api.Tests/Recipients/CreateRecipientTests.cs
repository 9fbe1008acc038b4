using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Recipients;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Recipients;

public sealed class CreateRecipientTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string Selection =
        "{ id kind name unitNumber headOfHousehold memberCount isRegisteredPoor note recordedBy recordedAt parent { id name } }";

    private readonly LedgerScenario scenario = new(app);

    private Task<MutationResult> CreateAsync(object input) =>
        scenario.Client.MutateAsync("createRecipient", "recipient", Selection, input);

    private async Task<string> CommitteeAsync() =>
        (string)(await CreateAsync(new { kind = "VILLAGE_COMMITTEE", name = "尕拉村村委会" })).Ok()["id"]!;

    private async Task<string> UnitAsync(string committee) =>
        (string)(await CreateAsync(new { kind = "SOCIAL_UNIT", name = "三社", parentId = committee, unitNumber = 3 })).Ok()["id"]!;

    [Fact]
    public async Task CreateRecipient_builds_the_village_tree_from_committee_to_household()
    {
        var before = await app.LedgerCountsAsync();
        var from = DateTime.UtcNow;

        var committee = (await CreateAsync(new { kind = "VILLAGE_COMMITTEE", name = " 尕拉村村委会 " })).Ok();
        var unit = (await CreateAsync(new { kind = "SOCIAL_UNIT", name = "三社", parentId = (string)committee["id"]!, unitNumber = 3, headOfHousehold = "不属于社" })).Ok();
        var household = (await CreateAsync(new
        {
            kind = "HOUSEHOLD",
            name = "韩家",
            parentId = (string)unit["id"]!,
            headOfHousehold = "韩德明",
            memberCount = 6,
            isRegisteredPoor = true,
            note = "建档立卡",
        })).Ok();

        var to = DateTime.UtcNow;
        Assert.Equal("VILLAGE_COMMITTEE", (string?)committee["kind"]);
        Assert.Equal("尕拉村村委会", (string?)committee["name"]);
        Assert.Null(committee["parent"]);
        Assert.Equal("SOCIAL_UNIT", (string?)unit["kind"]);
        Assert.Equal(3, (int)unit["unitNumber"]!);
        Assert.Null(unit["headOfHousehold"]);
        Assert.Equal((string?)committee["id"], (string?)unit["parent"]!["id"]);
        Assert.Equal("HOUSEHOLD", (string?)household["kind"]);
        Assert.Equal("韩德明", (string?)household["headOfHousehold"]);
        Assert.Equal(6, (int)household["memberCount"]!);
        Assert.True((bool)household["isRegisteredPoor"]!);
        Assert.Null(household["unitNumber"]);
        Assert.Equal("三社", (string?)household["parent"]!["name"]);
        Assert.Equal("admin", (string?)household["recordedBy"]);

        var id = (int)LedgerScenario.RowId((string?)household["id"], "Recipient");
        var stored = await app.QueryDatabaseAsync(db => db.Recipients.SingleAsync(r => r.Id == id));
        Assert.Equal(RecipientKind.Household, stored.Kind);
        Assert.Equal((int?)LedgerScenario.RowId((string?)unit["id"], "Recipient"), stored.ParentId);
        Assert.Equal("韩德明", stored.HeadOfHousehold);
        Assert.Equal(6, stored.MemberCount);
        Assert.True(stored.IsRegisteredPoor);
        Assert.Equal("建档立卡", stored.Note);
        LedgerScenario.RecordedBetween(from, stored.RecordedAt, to);
        Assert.Equal(stored.RecordedAt, LedgerScenario.Utc(household["recordedAt"]));
        Assert.Equal(before with { Recipients = before.Recipients + 3, AuditEntries = before.AuditEntries + 3 }, await app.LedgerCountsAsync());

        var tree = await scenario.Client.DataAsync(
            "query($id: ID!) { node(id: $id) { ... on Recipient { children { nodes { name children { nodes { name } } } } } } }",
            new { id = (string)committee["id"]! });
        var child = Assert.Single(tree["node"]!["children"]!["nodes"]!.AsArray())!;
        Assert.Equal("三社", (string?)child["name"]);
        Assert.Equal("韩家", (string?)Assert.Single(child["children"]!["nodes"]!.AsArray())!["name"]);
    }

    [Fact]
    public async Task CreateRecipient_refuses_a_household_under_the_committee_instead_of_a_unit()
    {
        var committee = await CommitteeAsync();

        await scenario.RefusedAsync(
            () => CreateAsync(new { kind = "HOUSEHOLD", name = "韩家", parentId = committee, headOfHousehold = "韩德明", memberCount = 6 }),
            "VALIDATION_FAILED",
            "parentId");
    }

    [Fact]
    public async Task CreateRecipient_refuses_a_second_unit_with_the_same_number_under_one_committee()
    {
        var committee = await CommitteeAsync();
        await UnitAsync(committee);

        await scenario.RefusedAsync(
            () => CreateAsync(new { kind = "SOCIAL_UNIT", name = "又一个三社", parentId = committee, unitNumber = 3 }),
            "VALIDATION_FAILED",
            "unitNumber");
        Assert.NotNull(await UnitAsync(await CommitteeAsync()));
    }

    [Fact]
    public async Task CreateRecipient_refuses_a_unit_under_another_unit()
    {
        var unit = await UnitAsync(await CommitteeAsync());

        await scenario.RefusedAsync(() => CreateAsync(new { kind = "SOCIAL_UNIT", name = "四社", parentId = unit, unitNumber = 4 }), "VALIDATION_FAILED", "parentId");
    }

    [Fact]
    public async Task CreateRecipient_refuses_a_committee_with_a_parent()
    {
        var committee = await CommitteeAsync();

        await scenario.RefusedAsync(() => CreateAsync(new { kind = "VILLAGE_COMMITTEE", name = "另一村", parentId = committee }), "VALIDATION_FAILED", "parentId");
    }

    [Theory]
    [InlineData("SOCIAL_UNIT")]
    [InlineData("HOUSEHOLD")]
    public async Task CreateRecipient_refuses_a_unit_or_household_without_a_parent(string kind) =>
        await scenario.RefusedAsync(
            () => CreateAsync(new { kind, name = "无主", unitNumber = 2, headOfHousehold = "某人", memberCount = 2 }), "VALIDATION_FAILED", "parentId");

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(null)]
    public async Task CreateRecipient_refuses_a_unit_number_out_of_range(int? unitNumber)
    {
        var committee = await CommitteeAsync();

        await scenario.RefusedAsync(() => CreateAsync(new { kind = "SOCIAL_UNIT", name = "某社", parentId = committee, unitNumber }), "VALIDATION_FAILED", "unitNumber");
    }

    [Theory]
    [InlineData("headOfHousehold", null, 4)]
    [InlineData("headOfHousehold", "  ", 4)]
    [InlineData("memberCount", "韩德明", 0)]
    [InlineData("memberCount", "韩德明", 51)]
    [InlineData("memberCount", "韩德明", null)]
    public async Task CreateRecipient_refuses_a_household_without_its_head_or_member_count(string field, string? headOfHousehold, int? memberCount)
    {
        var unit = await UnitAsync(await CommitteeAsync());

        await scenario.RefusedAsync(
            () => CreateAsync(new { kind = "HOUSEHOLD", name = "韩家", parentId = unit, headOfHousehold, memberCount }), "VALIDATION_FAILED", field);
    }

    [Theory]
    [InlineData("name", " ")]
    [InlineData("name", 201)]
    [InlineData("note", 1001)]
    public async Task CreateRecipient_refuses_blank_or_over_long_text(string field, object value)
    {
        var text = value is int length ? new string('x', length) : (string)value;
        object input = field == "name"
            ? new { kind = "VILLAGE_COMMITTEE", name = text }
            : new { kind = "VILLAGE_COMMITTEE", name = "尕拉村村委会", note = text };

        await scenario.RefusedAsync(() => CreateAsync(input), "VALIDATION_FAILED", field);
    }

    [Fact]
    public async Task CreateRecipient_refuses_an_unknown_parent() =>
        await scenario.RefusedAsync(
            () => CreateAsync(new { kind = "SOCIAL_UNIT", name = "五社", parentId = GlobalId.Encode("Recipient", 987_654), unitNumber = 5 }), "NOT_FOUND", "parentId");

    [Theory]
    [InlineData("not an id")]
    [InlineData("Donor")]
    public async Task CreateRecipient_refuses_a_malformed_parent_id_or_the_id_of_another_type(string parentId)
    {
        parentId = parentId == "Donor" ? await scenario.DonorAsync() : parentId;

        await scenario.RefusedAsync(() => CreateAsync(new { kind = "SOCIAL_UNIT", name = "五社", parentId, unitNumber = 5 }), "INVALID_ID", "parentId");
    }

    [Fact]
    public async Task Recipients_lists_the_top_of_the_tree_the_level_below_and_every_recipient_of_a_kind()
    {
        var village = await scenario.VillageAsync();
        var second = await scenario.HouseholdAsync(village.Unit, "冶家");

        var data = await scenario.Client.DataAsync(
            """
            query($unit: ID!) {
              top: recipients(first: 500) { nodes { id kind } }
              below: recipients(parentId: $unit) { totalCount nodes { id } }
              households: recipients(kind: HOUSEHOLD, first: 500) { nodes { id kind } }
            }
            """,
            new { unit = village.Unit });

        Assert.Contains(village.Committee, data["top"]!["nodes"]!.AsArray().Select(n => (string?)n!["id"]));
        Assert.All(data["top"]!["nodes"]!.AsArray(), n => Assert.Equal("VILLAGE_COMMITTEE", (string?)n!["kind"]));
        Assert.Equal(2, (int)data["below"]!["totalCount"]!);
        Assert.Equal([village.Household, second], data["below"]!["nodes"]!.AsArray().Select(n => (string)n!["id"]!));
        var households = data["households"]!["nodes"]!.AsArray().Select(n => (string?)n!["id"]).ToList();
        Assert.Contains(village.Household, households);
        Assert.Contains(second, households);
        Assert.DoesNotContain(village.Unit, households);
        Assert.All(data["households"]!["nodes"]!.AsArray(), n => Assert.Equal("HOUSEHOLD", (string?)n!["kind"]));
    }
}
