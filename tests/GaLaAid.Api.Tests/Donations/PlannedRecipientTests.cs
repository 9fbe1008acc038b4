using GaLaAid.Api.Accounts;
using GaLaAid.Api.Tests.Accounts;

namespace GaLaAid.Api.Tests.Donations;

/// <summary>
/// Where donated goods are planned to go is kept on the donation line, and a volunteer scanning an
/// item sees it as the handover page does: the recipient's name and social unit, nothing private.
/// </summary>
public sealed class PlannedRecipientTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private readonly LedgerScenario scenario = new(app);

    private async Task<string> ItemPlannedForAsync(string? recipientId)
    {
        var line = new
        {
            categoryId = LedgerScenario.CategoryId(LedgerScenario.TvSet),
            description = "32寸液晶电视",
            quantity = 1,
            estimatedUnitValueFen = 150000,
            tracking = "PER_UNIT",
            plannedRecipientId = recipientId,
        };
        var donation = (await scenario.Client.MutateAsync(
            "recordInKindDonation", "inKindDonation", "{ lines { items { nodes { labelCode } } } }",
            new { donorId = await scenario.DonorAsync(), receivedOn = LedgerScenario.Today(), lines = new[] { line } })).Ok();
        return (string)donation["lines"]![0]!["items"]!["nodes"]![0]!["labelCode"]!;
    }

    [Fact]
    public async Task A_volunteer_sees_the_planned_household_s_name_and_social_unit_on_the_scanned_item()
    {
        var village = await scenario.VillageAsync();
        var code = await ItemPlannedForAsync(village.Household);
        var volunteer = await app.GraphQLAsAsync(Role.Volunteer);

        var data = await volunteer.DataAsync(
            "query($code: String!) { itemByCode(code: $code) { line { plannedRecipient { id kind name parent { name unitNumber } } } } }", new { code });

        var planned = data["itemByCode"]!["line"]!["plannedRecipient"]!;
        Assert.Equal(village.Household, (string?)planned["id"]);
        Assert.Equal("HOUSEHOLD", (string?)planned["kind"]);
        Assert.Equal("马家", (string?)planned["name"]);
        Assert.Equal("一社", (string?)planned["parent"]!["name"]);
        Assert.Equal(1, (int)planned["parent"]!["unitNumber"]!);
    }

    [Fact]
    public async Task A_volunteer_is_refused_the_planned_household_s_private_fields()
    {
        var village = await scenario.VillageAsync();
        var code = await ItemPlannedForAsync(village.Household);
        var volunteer = await app.GraphQLAsAsync(Role.Volunteer);

        var response = await volunteer.SendAsync(
            "query($code: String!) { itemByCode(code: $code) { line { plannedRecipient { name headOfHousehold isRegisteredPoor } } } }", new { code });

        Assert.Equal(["FORBIDDEN", "FORBIDDEN"], response.Codes());
        Assert.False(response.Json.ContainsKey("data"));
    }

    [Fact]
    public async Task An_item_without_a_plan_has_no_planned_recipient()
    {
        var code = await ItemPlannedForAsync(null);

        var data = await scenario.Client.DataAsync("query($code: String!) { itemByCode(code: $code) { line { plannedRecipient { id } } } }", new { code });

        Assert.Null(data["itemByCode"]!["line"]!["plannedRecipient"]);
    }
}
