using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Donations;

public sealed class RecordCashDonationTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string Selection =
        "{ id amountFen amountYuan receivedOn note recordedBy recordedAt donor { id name } fund { id balanceFen } pledge { id receivedAmountFen } }";

    private readonly LedgerScenario scenario = new(app);

    private Task<MutationResult> RecordAsync(object input) =>
        scenario.Client.MutateAsync("recordCashDonation", "cashDonation", Selection, input);

    private async Task<string> PledgeAsync(string donorId, string kind) =>
        (string)(await scenario.Client.MutateAsync(
            "recordPledge",
            "pledge",
            "{ id }",
            kind == "CASH"
                ? new { donorId, kind, description = "春节慰问金", promisedAmountFen = (long?)1_000_000 }
                : new { donorId, kind, description = "春耕用种子", promisedAmountFen = (long?)null })).Ok()["id"]!;

    [Fact]
    public async Task RecordCashDonation_adds_the_amount_to_the_fund_through_a_received_entry()
    {
        var donorId = await scenario.DonorAsync("州委办公室");
        var fundId = await scenario.FundAsync();
        var before = await app.LedgerCountsAsync();
        var from = DateTime.UtcNow;

        var donation = (await RecordAsync(new { donorId, fundId, amountFen = 500_012, receivedOn = "2026-03-18", note = " 春节前 " })).Ok();

        var to = DateTime.UtcNow;
        Assert.Equal(500_012, (long)donation["amountFen"]!);
        Assert.Equal(5000.12m, (decimal)donation["amountYuan"]!);
        Assert.Equal("2026-03-18", (string?)donation["receivedOn"]);
        Assert.Equal("春节前", (string?)donation["note"]);
        Assert.Equal("admin", (string?)donation["recordedBy"]);
        Assert.Equal("州委办公室", (string?)donation["donor"]!["name"]);
        Assert.Equal(donorId, (string?)donation["donor"]!["id"]);
        Assert.Equal(fundId, (string?)donation["fund"]!["id"]);
        Assert.Equal(500_012, (long)donation["fund"]!["balanceFen"]!);
        Assert.Null(donation["pledge"]);

        var id = LedgerScenario.RowId((string?)donation["id"], "CashDonation");
        var stored = await app.QueryDatabaseAsync(db => db.CashDonations.SingleAsync(d => d.Id == id));
        Assert.Equal(LedgerScenario.RowId(donorId, "Donor"), stored.DonorId);
        Assert.Equal(LedgerScenario.RowId(fundId, "Fund"), stored.FundId);
        Assert.Equal(500_012, stored.AmountFen);
        Assert.Equal(new DateOnly(2026, 3, 18), stored.ReceivedOn);
        LedgerScenario.RecordedBetween(from, stored.RecordedAt, to);
        Assert.Equal(stored.RecordedAt, LedgerScenario.Utc(donation["recordedAt"]));

        var entry = await app.QueryDatabaseAsync(db => db.FundEntries.SingleAsync(e => e.CashDonationId == id));
        Assert.Equal(LedgerEntryKind.Received, entry.Kind);
        Assert.Equal(500_012, entry.AmountFen);
        Assert.Equal(stored.FundId, entry.FundId);
        Assert.Null(entry.ReversesEntryId);
        Assert.Equal("admin", entry.RecordedBy);
        LedgerScenario.RecordedBetween(from, entry.RecordedAt, to);
        Assert.Equal(
            before with { CashDonations = before.CashDonations + 1, FundEntries = before.FundEntries + 1, FundBalanceFen = before.FundBalanceFen + 500_012, AuditEntries = before.AuditEntries + 1 },
            await app.LedgerCountsAsync());
    }

    [Fact]
    public async Task RecordCashDonation_fulfils_the_donors_own_cash_pledge()
    {
        var donorId = await scenario.DonorAsync();
        var pledgeId = await PledgeAsync(donorId, "CASH");

        var donation = (await RecordAsync(new { donorId, fundId = await scenario.FundAsync(), amountFen = 400_000, receivedOn = LedgerScenario.Today(), pledgeId })).Ok();

        Assert.Equal(pledgeId, (string?)donation["pledge"]!["id"]);
        Assert.Equal(400_000, (long)donation["pledge"]!["receivedAmountFen"]!);
        var id = LedgerScenario.RowId((string?)donation["id"], "CashDonation");
        Assert.Equal(
            (int?)LedgerScenario.RowId(pledgeId, "Pledge"),
            await app.QueryDatabaseAsync(db => db.CashDonations.Where(d => d.Id == id).Select(d => d.PledgeId).SingleAsync()));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-100L)]
    [InlineData(InputCheck.MaxAmountFen + 1)]
    [InlineData(long.MinValue)]
    public async Task RecordCashDonation_refuses_an_amount_that_is_not_positive_or_absurd(long amountFen)
    {
        var input = new { donorId = await scenario.DonorAsync(), fundId = await scenario.FundAsync(), amountFen, receivedOn = LedgerScenario.Today() };

        await scenario.RefusedAsync(() => RecordAsync(input), "VALIDATION_FAILED", "amountFen");
    }

    [Theory]
    [InlineData("1999-12-31")]
    [InlineData("+3d")]
    public async Task RecordCashDonation_refuses_a_date_out_of_range(string receivedOn)
    {
        receivedOn = receivedOn == "+3d" ? LedgerScenario.Today(3) : receivedOn;
        var input = new { donorId = await scenario.DonorAsync(), fundId = await scenario.FundAsync(), amountFen = 100, receivedOn };

        await scenario.RefusedAsync(() => RecordAsync(input), "VALIDATION_FAILED", "receivedOn");
    }

    [Fact]
    public async Task RecordCashDonation_refuses_an_over_long_note()
    {
        var input = new { donorId = await scenario.DonorAsync(), fundId = await scenario.FundAsync(), amountFen = 100, receivedOn = LedgerScenario.Today(), note = new string('x', 1001) };

        await scenario.RefusedAsync(() => RecordAsync(input), "VALIDATION_FAILED", "note");
    }

    [Theory]
    [InlineData("donorId")]
    [InlineData("fundId")]
    [InlineData("pledgeId")]
    public async Task RecordCashDonation_refuses_an_unknown_donor_fund_or_pledge(string field)
    {
        var donorId = field == "donorId" ? GlobalId.Encode("Donor", 987_654) : await scenario.DonorAsync();
        var fundId = field == "fundId" ? GlobalId.Encode("Fund", 987_654) : await scenario.FundAsync();
        var pledgeId = field == "pledgeId" ? GlobalId.Encode("Pledge", 987_654) : null;

        await scenario.RefusedAsync(() => RecordAsync(new { donorId, fundId, amountFen = 100, receivedOn = LedgerScenario.Today(), pledgeId }), "NOT_FOUND", field);
    }

    [Theory]
    [InlineData("donorId", "%%%")]
    [InlineData("donorId", "Fund")]
    [InlineData("fundId", "")]
    [InlineData("fundId", "Donor")]
    [InlineData("pledgeId", "Donor")]
    public async Task RecordCashDonation_refuses_a_malformed_id_or_the_id_of_another_type(string field, string value)
    {
        var id = value is "Fund" or "Donor" ? GlobalId.Encode(value, 1) : value;
        var input = new
        {
            donorId = field == "donorId" ? id : await scenario.DonorAsync(),
            fundId = field == "fundId" ? id : await scenario.FundAsync(),
            amountFen = 100,
            receivedOn = LedgerScenario.Today(),
            pledgeId = field == "pledgeId" ? id : null,
        };

        await scenario.RefusedAsync(() => RecordAsync(input), "INVALID_ID", field);
    }

    [Fact]
    public async Task RecordCashDonation_refuses_a_pledge_of_another_donor()
    {
        var pledgeId = await PledgeAsync(await scenario.DonorAsync("青海某公司"), "CASH");
        var input = new { donorId = await scenario.DonorAsync(), fundId = await scenario.FundAsync(), amountFen = 100, receivedOn = LedgerScenario.Today(), pledgeId };

        await scenario.RefusedAsync(() => RecordAsync(input), "VALIDATION_FAILED", "pledgeId");
    }

    [Fact]
    public async Task RecordCashDonation_refuses_a_pledge_of_goods()
    {
        var donorId = await scenario.DonorAsync();
        var pledgeId = await PledgeAsync(donorId, "GOODS");
        var input = new { donorId, fundId = await scenario.FundAsync(), amountFen = 100, receivedOn = LedgerScenario.Today(), pledgeId };

        await scenario.RefusedAsync(() => RecordAsync(input), "VALIDATION_FAILED", "pledgeId");
    }
}
