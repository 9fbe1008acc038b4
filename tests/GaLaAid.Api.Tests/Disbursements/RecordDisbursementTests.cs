using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Disbursements;

public sealed class RecordDisbursementTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string Selection =
        "{ id amountFen amountYuan purpose paidOn receivedBy recordedBy recordedAt fund { id balanceFen } recipient { id name } }";

    private readonly LedgerScenario scenario = new(app);

    private Task<MutationResult> DisburseAsync(object input) =>
        scenario.Client.MutateAsync("recordDisbursement", "disbursement", Selection, input);

    private static object Input(string fundId, string recipientId, long amountFen) =>
        new { fundId, recipientId, amountFen, purpose = "春节慰问金", paidOn = LedgerScenario.Today() };

    [Fact]
    public async Task RecordDisbursement_pays_cash_out_of_the_fund_through_a_disbursed_entry()
    {
        var fundId = await scenario.FundAsync(100_000);
        var household = (await scenario.VillageAsync()).Household;
        var before = await app.LedgerCountsAsync();
        var from = DateTime.UtcNow;

        var disbursement = (await DisburseAsync(new
        {
            fundId,
            recipientId = household,
            amountFen = 50_050,
            purpose = " 春节慰问金 ",
            paidOn = "2026-01-20",
            receivedBy = "马文德",
        })).Ok();

        var to = DateTime.UtcNow;
        Assert.Equal(50_050, (long)disbursement["amountFen"]!);
        Assert.Equal(500.50m, (decimal)disbursement["amountYuan"]!);
        Assert.Equal("春节慰问金", (string?)disbursement["purpose"]);
        Assert.Equal("2026-01-20", (string?)disbursement["paidOn"]);
        Assert.Equal("马文德", (string?)disbursement["receivedBy"]);
        Assert.Equal("admin", (string?)disbursement["recordedBy"]);
        Assert.Equal(fundId, (string?)disbursement["fund"]!["id"]);
        Assert.Equal(49_950, (long)disbursement["fund"]!["balanceFen"]!);
        Assert.Equal(household, (string?)disbursement["recipient"]!["id"]);

        var id = (int)LedgerScenario.RowId((string?)disbursement["id"], "Disbursement");
        var stored = await app.QueryDatabaseAsync(db => db.Disbursements.SingleAsync(d => d.Id == id));
        Assert.Equal(50_050, stored.AmountFen);
        Assert.Equal(LedgerScenario.RowId(household, "Recipient"), stored.RecipientId);
        Assert.Equal(new DateOnly(2026, 1, 20), stored.PaidOn);
        LedgerScenario.RecordedBetween(from, stored.RecordedAt, to);
        Assert.Equal(stored.RecordedAt, LedgerScenario.Utc(disbursement["recordedAt"]));

        var entry = await app.QueryDatabaseAsync(db => db.FundEntries.SingleAsync(e => e.DisbursementId == id));
        Assert.Equal(LedgerEntryKind.Disbursed, entry.Kind);
        Assert.Equal(-50_050, entry.AmountFen);
        Assert.Equal(LedgerScenario.RowId(fundId, "Fund"), entry.FundId);
        Assert.Equal("admin", entry.RecordedBy);
        LedgerScenario.RecordedBetween(from, entry.RecordedAt, to);
        Assert.Equal(
            before with { Disbursements = before.Disbursements + 1, FundEntries = before.FundEntries + 1, FundBalanceFen = before.FundBalanceFen - 50_050, AuditEntries = before.AuditEntries + 1 },
            await app.LedgerCountsAsync());
    }

    [Fact]
    public async Task RecordDisbursement_may_pay_out_the_whole_balance()
    {
        var fundId = await scenario.FundAsync(100_000);
        var household = (await scenario.VillageAsync()).Household;

        var disbursement = (await DisburseAsync(Input(fundId, household, 100_000))).Ok();

        Assert.Equal(0, (long)disbursement["fund"]!["balanceFen"]!);
        Assert.Equal(0, await scenario.BalanceAsync(fundId));
    }

    [Fact]
    public async Task RecordDisbursement_refuses_to_overdraw_the_fund_and_says_what_it_holds()
    {
        var fundId = await scenario.FundAsync(100_000);
        var household = (await scenario.VillageAsync()).Household;
        var before = await app.LedgerCountsAsync();

        var data = await scenario.Client.DataAsync(
            """
            mutation($input: RecordDisbursementInput!) {
              recordDisbursement(input: $input) {
                disbursement { id }
                errors { __typename ... on FundOverdrawnError { code fundId requestedFen balanceFen } }
              }
            }
            """,
            new { input = Input(fundId, household, 100_001) });

        Assert.Null(data["recordDisbursement"]!["disbursement"]);
        var error = Assert.Single(data["recordDisbursement"]!["errors"]!.AsArray())!;
        Assert.Equal("FundOverdrawnError", (string?)error["__typename"]);
        Assert.Equal("FUND_OVERDRAWN", (string?)error["code"]);
        Assert.Equal(fundId, (string?)error["fundId"]);
        Assert.Equal(100_001, (long)error["requestedFen"]!);
        Assert.Equal(100_000, (long)error["balanceFen"]!);
        Assert.Equal(before, await app.LedgerCountsAsync());
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5_000L)]
    [InlineData(InputCheck.MaxAmountFen + 1)]
    public async Task RecordDisbursement_refuses_an_amount_that_is_not_positive_or_absurd(long amountFen)
    {
        var input = Input(await scenario.FundAsync(100_000), (await scenario.VillageAsync()).Household, amountFen);

        await scenario.RefusedAsync(() => DisburseAsync(input), "VALIDATION_FAILED", "amountFen");
    }

    [Theory]
    [InlineData("purpose", "   ")]
    [InlineData("purpose", 501)]
    [InlineData("receivedBy", 101)]
    public async Task RecordDisbursement_refuses_blank_or_over_long_text(string field, object value)
    {
        var fundId = await scenario.FundAsync(100_000);
        var recipientId = (await scenario.VillageAsync()).Household;
        var text = value is int length ? new string('x', length) : (string)value;
        object input = field == "purpose"
            ? new { fundId, recipientId, amountFen = 100, purpose = text, paidOn = LedgerScenario.Today() }
            : new { fundId, recipientId, amountFen = 100, purpose = "慰问", paidOn = LedgerScenario.Today(), receivedBy = text };

        await scenario.RefusedAsync(() => DisburseAsync(input), "VALIDATION_FAILED", field);
    }

    [Theory]
    [InlineData("1999-12-31")]
    [InlineData("+3d")]
    public async Task RecordDisbursement_refuses_a_date_out_of_range(string paidOn)
    {
        var input = new
        {
            fundId = await scenario.FundAsync(100_000),
            recipientId = (await scenario.VillageAsync()).Household,
            amountFen = 100,
            purpose = "慰问",
            paidOn = paidOn == "+3d" ? LedgerScenario.Today(3) : paidOn,
        };

        await scenario.RefusedAsync(() => DisburseAsync(input), "VALIDATION_FAILED", "paidOn");
    }

    [Theory]
    [InlineData("fundId")]
    [InlineData("recipientId")]
    public async Task RecordDisbursement_refuses_an_unknown_fund_or_recipient(string field)
    {
        var input = Input(
            field == "fundId" ? GlobalId.Encode("Fund", 987_654) : await scenario.FundAsync(100_000),
            field == "recipientId" ? GlobalId.Encode("Recipient", 987_654) : (await scenario.VillageAsync()).Household,
            100);

        await scenario.RefusedAsync(() => DisburseAsync(input), "NOT_FOUND", field);
    }

    [Theory]
    [InlineData("fundId", "!!")]
    [InlineData("fundId", "Recipient")]
    [InlineData("recipientId", "abc")]
    [InlineData("recipientId", "Fund")]
    public async Task RecordDisbursement_refuses_a_malformed_id_or_the_id_of_another_type(string field, string value)
    {
        var fundId = await scenario.FundAsync(100_000);
        var household = (await scenario.VillageAsync()).Household;
        var id = value is "Recipient" or "Fund" ? (value == "Fund" ? fundId : household) : value;
        var input = field == "fundId" ? Input(id, household, 100) : Input(fundId, id, 100);

        await scenario.RefusedAsync(() => DisburseAsync(input), "INVALID_ID", field);
    }
}
