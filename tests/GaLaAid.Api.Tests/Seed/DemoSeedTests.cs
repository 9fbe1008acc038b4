using System.Text.Json.Nodes;
using GaLaAid.Api.Data;
using GaLaAid.Api.Recipients;
using GaLaAid.Api.Seed;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GaLaAid.Api.Tests.Seed;

/// <summary>The service as started with <c>--seed demo</c>: the real startup path seeds the Gala village case.</summary>
public sealed class DemoSeededApp : GaLaAidApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("seed", "demo");
    }
}

public sealed class DemoSeedTests(DemoSeededApp app) : IClassFixture<DemoSeededApp>
{
    private const string PrefabBuilding = "prefab-building";

    private static readonly string[] UnitNames = ["一社", "二社", "三社", "四社", "五社", "六社", "七社", "八社", "九社"];

    private static readonly string[] KindsTheDiaryNames =
        ["tv", "tv-cabinet", "filing-cabinet", "meeting-table", "desk", "meeting-chair", "electric-heater", "bed", "sofa", "disinfection-cabinet"];

    private static readonly string[] CommitteeOrUnit = ["VILLAGE_COMMITTEE", "SOCIAL_UNIT"];

    [Fact]
    public async Task The_office_party_branch_and_cadres_gave_11000_yuan_in_cash()
    {
        var data = await app.GraphQL().DataAsync("""
            { cashDonations { totalCount nodes { amountFen receivedOn donor { name kind } fund { name } } } }
            """);

        var donations = Nodes(data["cashDonations"]!);
        Assert.Equal(2, (int)data["cashDonations"]!["totalCount"]!);
        Assert.Equal(1_100_000, donations.Sum(d => (long)d["amountFen"]!));
        Assert.Equal(500_000, (long)donations.Single(d => (string?)d["donor"]!["name"] == "州委办公室党支部")["amountFen"]!);
        Assert.Equal(600_000, (long)donations.Single(d => (string?)d["donor"]!["name"] == "州委办公室党员干部")["amountFen"]!);
    }

    [Fact]
    public async Task Condolence_money_of_500_yuan_went_to_each_of_12_distinct_poor_households()
    {
        var data = await app.GraphQL().DataAsync("""
            { disbursements { totalCount nodes { amountFen paidOn purpose fund { name } recipient { id kind isRegisteredPoor } } } }
            """);

        var payments = Nodes(data["disbursements"]!);
        Assert.Equal(12, payments.Count);
        Assert.All(payments, payment =>
        {
            Assert.Equal(50_000, (long)payment["amountFen"]!);
            Assert.Equal("HOUSEHOLD", (string?)payment["recipient"]!["kind"]);
            Assert.True((bool)payment["recipient"]!["isRegisteredPoor"]!);
            Assert.Contains("尕玛才仁", (string?)payment["purpose"], StringComparison.Ordinal);
        });
        Assert.Equal(12, payments.Select(p => (string?)p["recipient"]!["id"]).Distinct().Count());
        Assert.Equal(600_000, payments.Sum(p => (long)p["amountFen"]!));
    }

    [Fact]
    public async Task Every_fund_balance_is_received_minus_disbursed_and_matches_its_cached_balance()
    {
        var data = await app.GraphQL().DataAsync("""
            { fundBalances { nodes { fund { name balanceFen } receivedFen disbursedFen adjustedFen reversedFen balanceFen matchesCachedBalance } } }
            """);

        var balances = data["fundBalances"]!["nodes"]!.AsArray().Select(b => b!).ToList();
        Assert.Equal(2, balances.Count);
        Assert.All(balances, balance =>
        {
            Assert.True((bool)balance["matchesCachedBalance"]!, $"Fund {balance["fund"]!["name"]} disagrees with its cached balance.");
            Assert.Equal((long)balance["receivedFen"]! + (long)balance["disbursedFen"]!, (long)balance["balanceFen"]!);
            Assert.Equal((long)balance["balanceFen"]!, (long)balance["fund"]!["balanceFen"]!);
            Assert.Equal(0, (long)balance["adjustedFen"]!);
            Assert.Equal(0, (long)balance["reversedFen"]!);
        });
        Assert.Equal(1_100_000, balances.Sum(b => (long)b["receivedFen"]!));
        Assert.Equal(-600_000, balances.Sum(b => (long)b["disbursedFen"]!));
        Assert.Equal(500_000, balances.Sum(b => (long)b["balanceFen"]!));
    }

    [Fact]
    public async Task The_office_gave_443_items_in_24_kinds_to_the_committee_and_the_9_units_besides_the_24_prefab_rooms()
    {
        var data = await app.GraphQL().DataAsync("""
            {
              stockOnHand { nodes { category { code } itemCount quantityReceived quantityOnHand } }
              inKindDonations {
                nodes {
                  donor { name } totalQuantity estimatedValueFen
                  lines { category { code } quantity unit estimatedUnitValueFen plannedRecipient { id kind } }
                }
              }
            }
            """);

        var stock = data["stockOnHand"]!["nodes"]!.AsArray().Select(s => s!).ToList();
        var goods = stock.Where(s => (string?)s["category"]!["code"] != PrefabBuilding).ToList();
        Assert.Equal(24, goods.Count);
        Assert.Equal(443, goods.Sum(s => (long)s["quantityReceived"]!));
        var rooms = Assert.Single(stock, s => (string?)s["category"]!["code"] == PrefabBuilding);
        Assert.Equal(24, (long)rooms["quantityReceived"]!);
        Assert.Equal(24, (long)rooms["itemCount"]!);
        Assert.All(stock, s => Assert.Equal(0, (long)s["quantityOnHand"]!));

        var donations = Nodes(data["inKindDonations"]!);
        Assert.Equal(2, donations.Count);
        Assert.All(donations, d => Assert.Equal("州委办公室", (string?)d["donor"]!["name"]));
        var officeGoods = Assert.Single(donations, d => (long)d["totalQuantity"]! == 443);
        var goodsLines = officeGoods["lines"]!.AsArray().Select(l => l!).ToList();
        Assert.Equal(24, goodsLines.Select(l => (string?)l["category"]!["code"]).Distinct().Count());
        Assert.DoesNotContain(goodsLines, l => (string?)l["category"]!["code"] == PrefabBuilding);
        Assert.All(goodsLines, l => Assert.True((long)l["estimatedUnitValueFen"]! > 0));
        Assert.All(goodsLines, l => Assert.Contains((string?)l["plannedRecipient"]!["kind"], CommitteeOrUnit));
        Assert.Equal(10, goodsLines.Select(l => (string?)l["plannedRecipient"]!["id"]).Distinct().Count());
        foreach (var named in KindsTheDiaryNames)
        {
            Assert.Contains(goodsLines, l => (string?)l["category"]!["code"] == named);
        }

        var prefab = Assert.Single(donations, d => d != officeGoods);
        var prefabLine = Assert.Single(prefab["lines"]!.AsArray())!;
        Assert.Equal(PrefabBuilding, (string?)prefabLine["category"]!["code"]);
        Assert.Equal(24, (int)prefabLine["quantity"]!);
        Assert.Equal("间", (string?)prefabLine["unit"]);
        Assert.Equal(3_000_000, (long)prefab["estimatedValueFen"]!);
        Assert.Equal("VILLAGE_COMMITTEE", (string?)prefabLine["plannedRecipient"]!["kind"]);
    }

    [Fact]
    public async Task Every_item_is_handed_over_in_full_to_the_recipient_its_line_planned()
    {
        var mismatches = await app.QueryDatabaseAsync(async db => await (
                from entry in db.StockEntries
                where entry.Kind == LedgerEntryKind.Distributed
                join handover in db.Handovers on entry.HandoverId equals handover.Id
                join item in db.StockItems on entry.StockItemId equals item.Id
                join line in db.DonationLines on item.DonationLineId equals line.Id
                where line.PlannedRecipientId != handover.RecipientId
                select entry.Id)
            .CountAsync());
        var distributed = await app.QueryDatabaseAsync(db =>
            db.StockEntries.Where(e => e.Kind == LedgerEntryKind.Distributed).SumAsync(e => (long)-e.Quantity));
        var handoverDays = await app.QueryDatabaseAsync(db => db.Handovers.Select(h => h.HandedOverAt).ToListAsync());

        Assert.Equal(0, mismatches);
        Assert.Equal(443 + 24, distributed);
        Assert.Equal(11, handoverDays.Count);
        // The goods went out with the trucks on 27 October 2016, the prefab building two days later.
        Assert.Equal(10, handoverDays.Count(at => at.Date == new DateTime(2016, 10, 27)));
        Assert.Equal(1, handoverDays.Count(at => at.Date == new DateTime(2016, 10, 29)));
    }

    [Fact]
    public async Task The_village_has_its_committee_9_units_and_162_registered_poor_households_with_546_people()
    {
        var data = await app.GraphQL().DataAsync("""
            {
              recipients { totalCount nodes { name kind children(first: 20) { totalCount nodes { name kind unitNumber children(first: 50) { totalCount } } } } }
              households: recipients(kind: HOUSEHOLD, first: 500) { totalCount nodes { name headOfHousehold memberCount isRegisteredPoor parent { kind } } }
            }
            """);

        var committee = Assert.Single(Nodes(data["recipients"]!));
        Assert.Equal("尕拉村村委会", (string?)committee["name"]);
        Assert.Equal("VILLAGE_COMMITTEE", (string?)committee["kind"]);
        var units = Nodes(committee["children"]!);
        Assert.Equal(UnitNames, units.Select(u => (string)u["name"]!));
        Assert.Equal(Enumerable.Range(1, 9), units.Select(u => (int)u["unitNumber"]!));
        Assert.All(units, u => Assert.Equal("SOCIAL_UNIT", (string?)u["kind"]));
        Assert.All(units, u => Assert.InRange((int)u["children"]!["totalCount"]!, 10, 25));

        var households = Nodes(data["households"]!);
        Assert.Equal(162, (int)data["households"]!["totalCount"]!);
        Assert.Equal(162, households.Count);
        Assert.Equal(546, households.Sum(h => (int)h["memberCount"]!));
        Assert.Equal(162, units.Sum(u => (int)u["children"]!["totalCount"]!));
        Assert.All(households, h =>
        {
            Assert.True((bool)h["isRegisteredPoor"]!);
            Assert.Equal("SOCIAL_UNIT", (string?)h["parent"]!["kind"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)h["headOfHousehold"]));
        });
    }

    [Fact]
    public async Task The_spring_ploughing_pledge_of_seeds_and_fertiliser_is_recorded()
    {
        var data = await app.GraphQL().DataAsync("""
            { pledges { totalCount nodes { kind description expectedOn donor { name } intendedRecipient { name } } } }
            """);

        var pledge = Assert.Single(Nodes(data["pledges"]!));
        Assert.Equal("GOODS", (string?)pledge["kind"]);
        Assert.Contains("种子", (string?)pledge["description"], StringComparison.Ordinal);
        Assert.Contains("化肥", (string?)pledge["description"], StringComparison.Ordinal);
        Assert.Equal("尕拉村村委会", (string?)pledge["intendedRecipient"]!["name"]);
    }

    [Fact]
    public async Task Every_record_names_the_demo_seed_as_its_author_and_is_dated_between_2000_and_today()
    {
        var authors = await app.QueryDatabaseAsync(async db => new[]
            {
                await db.Donors.Select(d => d.RecordedBy).Distinct().ToListAsync(),
                await db.Funds.Select(f => f.RecordedBy).Distinct().ToListAsync(),
                await db.FundEntries.Select(e => e.RecordedBy).Distinct().ToListAsync(),
                await db.Recipients.Select(r => r.RecordedBy).Distinct().ToListAsync(),
                await db.Pledges.Select(p => p.RecordedBy).Distinct().ToListAsync(),
                await db.CashDonations.Select(d => d.RecordedBy).Distinct().ToListAsync(),
                await db.InKindDonations.Select(d => d.RecordedBy).Distinct().ToListAsync(),
                await db.StockEntries.Select(e => e.RecordedBy).Distinct().ToListAsync(),
                await db.Handovers.Select(h => h.HandedOverBy).Distinct().ToListAsync(),
                await db.Disbursements.Select(d => d.RecordedBy).Distinct().ToListAsync(),
            }.SelectMany(names => names).Distinct().ToList());
        var dates = await app.QueryDatabaseAsync(async db => new[]
            {
                await db.CashDonations.Select(d => d.ReceivedOn).ToListAsync(),
                await db.InKindDonations.Select(d => d.ReceivedOn).ToListAsync(),
                await db.Disbursements.Select(d => d.PaidOn).ToListAsync(),
                await db.Pledges.Where(p => p.ExpectedOn != null).Select(p => p.ExpectedOn!.Value).ToListAsync(),
            }.SelectMany(d => d).ToList());

        Assert.Equal(DemoSeeder.ActorName, Assert.Single(authors));
        Assert.NotEmpty(dates);
        Assert.All(dates, date => Assert.InRange(date, new DateOnly(2000, 1, 1), DateOnly.FromDateTime(DateTime.UtcNow)));
    }

    [Fact]
    public async Task Seeding_a_second_time_writes_nothing()
    {
        var before = await app.LedgerCountsAsync();

        await DemoSeeder.SeedAsync(app.Services);

        Assert.Equal(before, await app.LedgerCountsAsync());
        Assert.Equal(172, before.Recipients);
        Assert.Equal(1_100_000 - 600_000, before.FundBalanceFen);
        Assert.Equal(0, before.QuantityOnHand);
    }

    private static List<JsonNode> Nodes(JsonNode connection) => connection["nodes"]!.AsArray().Select(n => n!).ToList();
}

public sealed class DemoSeedOnAnUnseededLedgerTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    [Fact]
    public async Task Seeding_completes_a_demo_that_was_cut_short_without_duplicating_its_first_part()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var actor = scope.ServiceProvider.GetRequiredService<CurrentActor>();
            actor.ActAs(DemoSeeder.ActorName);
            var committee = new CreateRecipientInput { Kind = RecipientKind.VillageCommittee, Name = "尕拉村村委会" };
            // As the seeder's first write: it names its operation for the audit trail, as every write does.
            db.Audit.Begin($"{DemoSeeder.Operation}/createRecipient", committee);
            await CreateRecipient.HandleAsync(db, actor, committee, CancellationToken.None);
        }

        await DemoSeeder.SeedAsync(app.Services);

        var counts = await app.LedgerCountsAsync();
        Assert.Equal(1 + 9 + 162, counts.Recipients);
        Assert.Equal(12, counts.Disbursements);
        Assert.Equal(500_000, counts.FundBalanceFen);
    }
}

public sealed class DemoSeedOnAnotherLedgerTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    [Fact]
    public async Task Seeding_leaves_a_ledger_that_holds_only_records_of_others_untouched()
    {
        (await app.GraphQL().MutateAsync("createDonor", "donor", "{ id }", new { name = "玉树市民政局", kind = "GOVERNMENT_OFFICE" })).Ok();
        var before = await app.LedgerCountsAsync();

        await DemoSeeder.SeedAsync(app.Services);

        Assert.Equal(before, await app.LedgerCountsAsync());
        Assert.Equal(1, before.Donors);
    }
}
