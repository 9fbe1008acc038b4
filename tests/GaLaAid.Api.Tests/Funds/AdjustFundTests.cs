using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Funds;

public sealed class AdjustFundTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string Selection = "{ id kind amountFen amountYuan reason recordedBy recordedAt fund { balanceFen } reverses { id } }";

    private readonly LedgerScenario scenario = new(app);

    private Task<MutationResult> AdjustFundAsync(object input) =>
        scenario.Client.MutateAsync("adjustFund", "entry", Selection, input);

    [Theory]
    [InlineData(2_550, 102_550)]
    [InlineData(-30_000, 70_000)]
    [InlineData(-100_000, 0)]
    public async Task AdjustFund_appends_an_adjusted_entry_with_its_reason(long change, long balance)
    {
        var fundId = await scenario.FundAsync(100_000);
        var before = await app.LedgerCountsAsync();
        var from = DateTime.UtcNow;

        var entry = (await AdjustFundAsync(new { fundId, amountFenChange = change, reason = " 现金盘点差异 " })).Ok();

        var to = DateTime.UtcNow;
        var id = LedgerScenario.RowId((string?)entry["id"], "FundEntry");
        Assert.Equal("ADJUSTED", (string?)entry["kind"]);
        Assert.Equal(change, (long)entry["amountFen"]!);
        Assert.Equal(change / 100m, (decimal)entry["amountYuan"]!);
        Assert.Equal("现金盘点差异", (string?)entry["reason"]);
        Assert.Equal("admin", (string?)entry["recordedBy"]);
        Assert.Null(entry["reverses"]);
        Assert.Equal(balance, (long)entry["fund"]!["balanceFen"]!);

        var stored = await app.QueryDatabaseAsync(db => db.FundEntries.SingleAsync(e => e.Id == id));
        Assert.Equal(LedgerScenario.RowId(fundId, "Fund"), stored.FundId);
        Assert.Equal(LedgerEntryKind.Adjusted, stored.Kind);
        Assert.Equal(change, stored.AmountFen);
        Assert.Equal("现金盘点差异", stored.Reason);
        Assert.Null(stored.CashDonationId);
        Assert.Null(stored.DisbursementId);
        Assert.Equal("admin", stored.RecordedBy);
        LedgerScenario.RecordedBetween(from, stored.RecordedAt, to);
        Assert.Equal(stored.RecordedAt, LedgerScenario.Utc(entry["recordedAt"]));
        Assert.Equal(before with { FundEntries = before.FundEntries + 1, FundBalanceFen = before.FundBalanceFen + change, AuditEntries = before.AuditEntries + 1 }, await app.LedgerCountsAsync());
    }

    [Fact]
    public async Task AdjustFund_refuses_to_overdraw_the_fund_and_says_by_how_much()
    {
        var fundId = await scenario.FundAsync(100_000);
        var before = await app.LedgerCountsAsync();

        var data = await scenario.Client.DataAsync(
            """
            mutation($input: AdjustFundInput!) {
              adjustFund(input: $input) {
                entry { id }
                errors { __typename ... on FundOverdrawnError { code message fundId requestedFen balanceFen } }
              }
            }
            """,
            new { input = new { fundId, amountFenChange = -100_001, reason = "现金短缺" } });

        var payload = data["adjustFund"]!;
        Assert.Null(payload["entry"]);
        var error = Assert.Single(payload["errors"]!.AsArray())!;
        Assert.Equal("FundOverdrawnError", (string?)error["__typename"]);
        Assert.Equal("FUND_OVERDRAWN", (string?)error["code"]);
        Assert.Equal(fundId, (string?)error["fundId"]);
        Assert.Equal(100_001, (long)error["requestedFen"]!);
        Assert.Equal(100_000, (long)error["balanceFen"]!);
        Assert.Contains("1000.00", (string?)error["message"], StringComparison.Ordinal);
        Assert.Equal(before, await app.LedgerCountsAsync());
        Assert.Equal(100_000, await scenario.BalanceAsync(fundId));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(InputCheck.MaxAmountFen + 1)]
    [InlineData(-InputCheck.MaxAmountFen - 1)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public async Task AdjustFund_refuses_a_zero_or_absurd_change(long change)
    {
        var fundId = await scenario.FundAsync(100_000);

        await scenario.RefusedAsync(() => AdjustFundAsync(new { fundId, amountFenChange = change, reason = "盘点" }), "VALIDATION_FAILED", "amountFenChange");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public async Task AdjustFund_refuses_a_blank_or_over_long_reason(string? reason)
    {
        var fundId = await scenario.FundAsync(100_000);

        await scenario.RefusedAsync(() => AdjustFundAsync(new { fundId, amountFenChange = 100, reason = reason ?? new string('x', 1001) }), "VALIDATION_FAILED", "reason");
    }

    [Fact]
    public async Task AdjustFund_refuses_an_unknown_fund() =>
        await scenario.RefusedAsync(
            () => AdjustFundAsync(new { fundId = GlobalId.Encode("Fund", 987_654), amountFenChange = 100, reason = "盘点" }), "NOT_FOUND", "fundId");

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("RnVuZDow")]
    [InlineData("Donor")]
    [InlineData("FundEntry")]
    public async Task AdjustFund_refuses_a_malformed_id_or_the_id_of_another_type(string fundId)
    {
        if (fundId is "Donor" or "FundEntry")
        {
            fundId = GlobalId.Encode(fundId, 1);
        }

        await scenario.RefusedAsync(() => AdjustFundAsync(new { fundId, amountFenChange = 100, reason = "盘点" }), "INVALID_ID", "fundId");
    }
}
