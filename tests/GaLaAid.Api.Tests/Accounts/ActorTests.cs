using System.Net;
using GaLaAid.Api.Accounts;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Accounts;

/// <summary>Every ledger entry carries the user who really wrote it, whoever that is and however they signed in.</summary>
public sealed class ActorTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private readonly LedgerScenario scenario = new(app);

    [Theory]
    [InlineData(Role.Admin)]
    [InlineData(Role.Staff)]
    [InlineData(Role.Volunteer)]
    [InlineData(Role.Auditor)]
    public async Task Me_is_the_caller(Role role)
    {
        var me = (await (await app.GraphQLAsAsync(role)).DataAsync("{ me { id userName role } }"))["me"]!;

        Assert.Equal(GaLaAidApp.UserNameOf(role), (string?)me["userName"]);
        Assert.Equal(role.ToString().ToUpperInvariant(), (string?)me["role"]);
        var id = LedgerScenario.RowId((string?)me["id"], "User");
        Assert.Equal(GaLaAidApp.UserNameOf(role), await app.QueryDatabaseAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.UserName).SingleAsync()));
    }

    [Fact]
    public async Task A_staff_user_s_cash_donation_and_its_fund_entry_carry_the_staff_user()
    {
        var staff = await app.GraphQLAsAsync(Role.Staff);
        var donor = await scenario.DonorAsync();
        var fund = await scenario.FundAsync();

        var donation = (await staff.MutateAsync(
            "recordCashDonation", "cashDonation", "{ id recordedBy }",
            new { donorId = donor, fundId = fund, amountFen = 50_000, receivedOn = LedgerScenario.Today() })).Ok();

        Assert.Equal("staff-user", (string?)donation["recordedBy"]);
        var id = (int)LedgerScenario.RowId((string?)donation["id"], "CashDonation");
        var stored = await app.QueryDatabaseAsync(async db => new
        {
            Donation = await db.CashDonations.SingleAsync(d => d.Id == id),
            Entries = await db.FundEntries.Where(e => e.CashDonationId == id).ToListAsync(),
        });
        Assert.Equal("staff-user", stored.Donation.RecordedBy);
        Assert.Equal("staff-user", Assert.Single(stored.Entries).RecordedBy);
    }

    [Fact]
    public async Task A_volunteer_s_handover_and_its_entries_carry_the_volunteer()
    {
        var volunteer = await app.GraphQLAsAsync(Role.Volunteer);
        var household = (await scenario.VillageAsync()).Household;
        var lot = await scenario.LotAsync(20);

        var handover = (await volunteer.MutateAsync(
            "recordHandover", "handover", "{ id handedOverBy recordedBy entries { recordedBy } }",
            new { recipientId = household, receivedBy = "马文德", lines = new[] { LedgerScenario.Take(lot, 4) } })).Ok();

        Assert.Equal("volunteer-user", (string?)handover["handedOverBy"]);
        Assert.Equal("volunteer-user", (string?)handover["recordedBy"]);
        Assert.Equal(["volunteer-user"], handover["entries"]!.AsArray().Select(e => (string?)e!["recordedBy"]));
        var id = (int)LedgerScenario.RowId((string?)handover["id"], "Handover");
        var stored = await app.QueryDatabaseAsync(async db => new
        {
            Handover = await db.Handovers.SingleAsync(h => h.Id == id),
            Entries = await db.StockEntries.Where(e => e.HandoverId == id).ToListAsync(),
        });
        Assert.Equal("volunteer-user", stored.Handover.HandedOverBy);
        Assert.Equal("volunteer-user", stored.Handover.RecordedBy);
        Assert.Equal("volunteer-user", Assert.Single(stored.Entries).RecordedBy);
    }

    [Fact]
    public async Task A_volunteer_signed_in_with_a_pin_hands_over_as_themselves()
    {
        await app.GraphQL().MutateAsync(
            "createUser", "user", "{ id }", new { userName = "sonam.v", displayName = "索南", role = "VOLUNTEER", pin = "864209" });
        var phone = Browser.Open(app);
        Assert.Equal(HttpStatusCode.OK, (await phone.SignInAsync(new { userName = "sonam.v", pin = "864209" })).Status);
        var household = (await scenario.VillageAsync()).Household;
        var lot = await scenario.LotAsync(5);

        var response = await phone.PostAsync(
            "mutation($input: RecordHandoverInput!) { recordHandover(input: $input) { handover { handedOverBy recordedBy entries { recordedBy } } errors { __typename } } }",
            new { input = new { recipientId = household, receivedBy = "马文德", lines = new[] { LedgerScenario.Take(lot) } } });

        Assert.Null(response.Json["errors"]);
        var handover = response.Json["data"]!["recordHandover"]!["handover"]!;
        Assert.Equal("sonam.v", (string?)handover["handedOverBy"]);
        Assert.Equal("sonam.v", (string?)handover["recordedBy"]);
        Assert.Equal("sonam.v", (string?)handover["entries"]![0]!["recordedBy"]);
    }

    [Fact]
    public async Task An_admin_s_fund_adjustment_carries_the_admin()
    {
        var fund = await scenario.FundAsync(10_000);

        var entry = (await app.GraphQL().MutateAsync(
            "adjustFund", "entry", "{ id recordedBy reason }", new { fundId = fund, amountFenChange = -1_000, reason = "银行手续费" })).Ok();

        Assert.Equal("admin", (string?)entry["recordedBy"]);
        var id = LedgerScenario.RowId((string?)entry["id"], "FundEntry");
        Assert.Equal("admin", await app.QueryDatabaseAsync(db => db.FundEntries.Where(e => e.Id == id).Select(e => e.RecordedBy).SingleAsync()));
    }

    [Fact]
    public async Task Users_and_keys_carry_the_admin_who_created_them()
    {
        var admin = app.GraphQL();
        var user = (await admin.MutateAsync(
            "createUser", "user", "{ id createdBy }", new { userName = "created.by", displayName = "次仁", role = "STAFF" })).Ok();
        var key = (await admin.MutateAsync(
            "createApiKey", "created", "{ apiKey { createdBy } }", new { userId = (string)user["id"]!, name = "phone" })).Ok();

        Assert.Equal("admin", (string?)user["createdBy"]);
        Assert.Equal("admin", (string?)key["apiKey"]!["createdBy"]);
    }
}
