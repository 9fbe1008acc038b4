using System.Globalization;
using System.Text.Json.Nodes;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.Tests.Accounts;

namespace GaLaAid.Api.Tests.Reports;

/// <summary>
/// Coverage and fairness on a village drawn for the test: unit 1 with 马家 (4 people) and 李家 (2),
/// unit 2 with 才让家 (3). 马家 gets seeds from both units' allocations, 李家 cash, 才让家 a handover
/// that was reversed, so nothing.
/// </summary>
public sealed class HouseholdCoverageTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    public const string HouseholdSelection = "householdId name socialUnitId socialUnitName memberCount goodsQuantity goodsValueFen cashFen totalFen perMemberFen receivedNothing";

    public static readonly string Query = $$"""
        query($from: DateTime, $to: DateTime, $unit: ID) {
          householdCoverage(from: $from, to: $to, socialUnitId: $unit) {
            households { {{HouseholdSelection}} }
            receivedNothing { name socialUnitId }
            multiUnitHouseholds { household { name socialUnitId } allocations { socialUnitId socialUnitName goodsQuantity goodsValueFen } }
            socialUnits { socialUnitId name unitNumber households members goodsValueFen cashFen totalFen perMemberFen perHouseholdFen minPerHouseholdFen maxPerHouseholdFen householdsReceivingNothing }
          }
        }
        """;

    private readonly LedgerScenario scenario = new(app);

    private GraphQLClient Client => scenario.Client;

    [Fact]
    public async Task Lists_each_households_aid_those_with_nothing_those_aided_from_another_units_allocation_and_aid_per_member_per_unit()
    {
        var before = DateTime.UtcNow;
        var village = await VillageAsync();

        var coverage = Own(await CoverageAsync(), village);

        var ma = Household(coverage, "马家");
        Assert.Equal(15, (long)ma["goodsQuantity"]!);
        Assert.Equal(4_500, (long)ma["goodsValueFen"]!);
        Assert.Equal(0, (long)ma["cashFen"]!);
        Assert.Equal(1_125, (long)ma["perMemberFen"]!);
        Assert.Equal("一社", (string?)ma["socialUnitName"]);
        var li = Household(coverage, "李家");
        Assert.Equal(10_000, (long)li["totalFen"]!);
        Assert.Equal(5_000, (long)li["perMemberFen"]!);
        var cairang = Household(coverage, "才让家");
        Assert.True((bool)cairang["receivedNothing"]!);
        Assert.Equal(0, (long)cairang["totalFen"]!);
        Assert.Equal(["才让家"], coverage["receivedNothing"]!.AsArray().Select(h => (string?)h!["name"]));

        var multi = Assert.Single(coverage["multiUnitHouseholds"]!.AsArray())!;
        Assert.Equal("马家", (string?)multi["household"]!["name"]);
        Assert.Equal(
            [("一社", 10L, 3_000L), ("二社", 5L, 1_500L)],
            multi["allocations"]!.AsArray().Select(a => ((string?)a!["socialUnitName"], (long)a["goodsQuantity"]!, (long)a["goodsValueFen"]!)));

        var one = Unit(coverage, village.UnitOne);
        Assert.Equal(2, (int)one["households"]!);
        Assert.Equal(6, (int)one["members"]!);
        Assert.Equal(14_500, (long)one["totalFen"]!);
        Assert.Equal(2_417, (long)one["perMemberFen"]!);
        Assert.Equal(7_250, (long)one["perHouseholdFen"]!);
        Assert.Equal(4_500, (long)one["minPerHouseholdFen"]!);
        Assert.Equal(10_000, (long)one["maxPerHouseholdFen"]!);
        Assert.Equal(0, (int)one["householdsReceivingNothing"]!);
        var two = Unit(coverage, village.UnitTwo);
        Assert.Equal(1, (int)two["householdsReceivingNothing"]!);
        Assert.Equal(0, (long)two["maxPerHouseholdFen"]!);

        var earlier = Own(await CoverageAsync(to: before), village);
        Assert.Equal(3, earlier["receivedNothing"]!.AsArray().Count);
        Assert.Empty(earlier["multiUnitHouseholds"]!.AsArray());
    }

    [Fact]
    public async Task Asked_for_one_social_unit_it_lists_only_that_units_households()
    {
        var village = await VillageAsync();

        var coverage = await CoverageAsync(unit: village.UnitTwo);

        Assert.Equal(["才让家"], coverage["households"]!.AsArray().Select(h => (string?)h!["name"]));
        Assert.Equal([village.UnitTwo], coverage["socialUnits"]!.AsArray().Select(u => (string?)u!["socialUnitId"]));
    }

    [Fact]
    public async Task Names_households_for_auditors_but_not_for_volunteers_and_never_their_id_numbers_or_phones()
    {
        await VillageAsync();
        var fields = (await Client.DataAsync("""{ __type(name: "HouseholdAid") { fields { name } } }"""))["__type"]!["fields"]!.AsArray()
            .Select(f => (string?)f!["name"]).ToList();

        Assert.DoesNotContain("idNumber", fields);
        Assert.DoesNotContain("phone", fields);
        Assert.DoesNotContain("household", fields);
        Assert.NotEmpty((await (await app.GraphQLAsAsync(Role.Auditor)).DataAsync(Query))["householdCoverage"]!["households"]!.AsArray());
        (await (await app.GraphQLAsAsync(Role.Volunteer)).SendAsync(Query)).AssertForbidden();
    }

    private sealed record TestVillage(string UnitOne, string UnitTwo);

    private async Task<TestVillage> VillageAsync()
    {
        var committee = await RecipientAsync(new { kind = "VILLAGE_COMMITTEE", name = $"村委会 {Guid.NewGuid():N}" });
        var unitOne = await RecipientAsync(new { kind = "SOCIAL_UNIT", name = "一社", parentId = committee, unitNumber = 1 });
        var unitTwo = await RecipientAsync(new { kind = "SOCIAL_UNIT", name = "二社", parentId = committee, unitNumber = 2 });
        var ma = await RecipientAsync(new { kind = "HOUSEHOLD", name = "马家", parentId = unitOne, headOfHousehold = "马文德", memberCount = 4, phone = "13800001111", idNumber = "632701198001011234" });
        var li = await RecipientAsync(new { kind = "HOUSEHOLD", name = "李家", parentId = unitOne, headOfHousehold = "李明", memberCount = 2 });
        var cairang = await RecipientAsync(new { kind = "HOUSEHOLD", name = "才让家", parentId = unitTwo, headOfHousehold = "才让", memberCount = 3 });

        var lots = await scenario.DonateAsync(PlannedLot(unitOne), PlannedLot(unitTwo));
        (await scenario.HandOverAsync(ma, LedgerScenario.Take(lots[0], 10), LedgerScenario.Take(lots[1], 5))).Ok();
        var wrong = (await scenario.HandOverAsync(cairang, LedgerScenario.Take(lots[1], 7))).Ok();
        (await Client.MutateAsync("reverseStockEntry", "entry", "{ id }", new { entryId = (string)wrong["entries"]![0]!["id"]!, reason = "发错户" })).Ok();
        var fund = await scenario.FundAsync(50_000);
        (await Client.MutateAsync("recordDisbursement", "disbursement", "{ id }",
            new { fundId = fund, recipientId = li, amountFen = 10_000, purpose = "慰问金", paidOn = LedgerScenario.Today() })).Ok();
        return new TestVillage(unitOne, unitTwo);
    }

    private static object PlannedLot(string unitId) => new
    {
        categoryId = LedgerScenario.CategoryId(LedgerScenario.Seed), description = "青稞种子", quantity = 100, estimatedUnitValueFen = 300, tracking = "LOT", plannedRecipientId = unitId,
    };

    private async Task<string> RecipientAsync(object input) =>
        (string)(await Client.MutateAsync("createRecipient", "recipient", "{ id }", input)).Ok()["id"]!;

    private async Task<JsonNode> CoverageAsync(DateTime? to = null, string? unit = null) =>
        (await Client.DataAsync(Query, new { to = to?.ToString("O", CultureInfo.InvariantCulture), unit }))["householdCoverage"]!;

    /// <summary>Only what concerns this test's village: every test of the class draws one.</summary>
    private static JsonObject Own(JsonNode coverage, TestVillage village)
    {
        bool Ours(JsonNode? household) => (string?)household!["socialUnitId"] is { } unit && (unit == village.UnitOne || unit == village.UnitTwo);
        JsonArray Keep(IEnumerable<JsonNode?> nodes) => new(nodes.Where(n => n is not null).Select(n => n!.DeepClone()).ToArray());
        return new JsonObject
        {
            ["households"] = Keep(coverage["households"]!.AsArray().Where(Ours)),
            ["receivedNothing"] = Keep(coverage["receivedNothing"]!.AsArray().Where(Ours)),
            ["multiUnitHouseholds"] = Keep(coverage["multiUnitHouseholds"]!.AsArray().Where(m => Ours(m!["household"]))),
            ["socialUnits"] = Keep(coverage["socialUnits"]!.AsArray().Where(u => Ours(u))),
        };
    }

    private static JsonNode Household(JsonNode coverage, string name) =>
        coverage["households"]!.AsArray().Single(h => (string?)h!["name"] == name)!;

    private static JsonNode Unit(JsonNode coverage, string unitId) =>
        coverage["socialUnits"]!.AsArray().Single(u => (string?)u!["socialUnitId"] == unitId)!;
}
