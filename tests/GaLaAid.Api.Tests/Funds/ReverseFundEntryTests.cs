using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Funds;

public sealed class ReverseFundEntryTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string Selection =
        "{ id kind amountFen reason recordedBy recordedAt fund { balanceFen } reverses { id kind } cashDonation { id } disbursement { id } }";

    private readonly LedgerScenario scenario = new(app);

    private Task<MutationResult> ReverseAsync(string entryId, string reason = "录入错误") =>
        scenario.Client.MutateAsync("reverseFundEntry", "entry", Selection, new { entryId, reason });

    private Task<MutationResult> DisburseAsync(string fundId, string recipientId, long amountFen) =>
        scenario.Client.MutateAsync(
            "recordDisbursement", "disbursement", "{ id }", new { fundId, recipientId, amountFen, purpose = "慰问金", paidOn = LedgerScenario.Today() });

    [Fact]
    public async Task ReverseFundEntry_cancels_a_cash_donation_with_an_opposite_entry()
    {
        var fundId = await scenario.FundAsync();
        var donationId = await scenario.CashDonationAsync(await scenario.DonorAsync(), fundId, 500_000);
        var received = Assert.Single(await scenario.FundEntriesAsync(fundId))!;
        var before = await app.LedgerCountsAsync();
        var from = DateTime.UtcNow;

        var reversal = (await ReverseAsync((string)received["id"]!, " 金额录错 ")).Ok();

        var to = DateTime.UtcNow;
        Assert.Equal("REVERSAL", (string?)reversal["kind"]);
        Assert.Equal(-500_000, (long)reversal["amountFen"]!);
        Assert.Equal("金额录错", (string?)reversal["reason"]);
        Assert.Equal((string?)received["id"], (string?)reversal["reverses"]!["id"]);
        Assert.Equal("RECEIVED", (string?)reversal["reverses"]!["kind"]);
        Assert.Equal(donationId, (string?)reversal["cashDonation"]!["id"]);
        Assert.Null(reversal["disbursement"]);
        Assert.Equal(0, (long)reversal["fund"]!["balanceFen"]!);

        var id = LedgerScenario.RowId((string?)reversal["id"], "FundEntry");
        var stored = await app.QueryDatabaseAsync(db => db.FundEntries.SingleAsync(e => e.Id == id));
        Assert.Equal(LedgerEntryKind.Reversal, stored.Kind);
        Assert.Equal(-500_000, stored.AmountFen);
        Assert.Equal(LedgerScenario.RowId((string?)received["id"], "FundEntry"), stored.ReversesEntryId);
        Assert.Equal((int?)LedgerScenario.RowId(donationId, "CashDonation"), stored.CashDonationId);
        Assert.Equal("admin", stored.RecordedBy);
        LedgerScenario.RecordedBetween(from, stored.RecordedAt, to);
        Assert.Equal(before with { FundEntries = before.FundEntries + 1, FundBalanceFen = before.FundBalanceFen - 500_000, AuditEntries = before.AuditEntries + 1 }, await app.LedgerCountsAsync());

        // The donation itself and its Received entry stay as they were: nothing is edited or deleted.
        var original = await app.QueryDatabaseAsync(db => db.FundEntries.SingleAsync(e => e.Id == stored.ReversesEntryId));
        Assert.Equal(500_000, original.AmountFen);
        Assert.Equal(LedgerEntryKind.Received, original.Kind);
    }

    [Fact]
    public async Task ReverseFundEntry_returns_a_disbursement_to_the_fund()
    {
        var fundId = await scenario.FundAsync(100_000);
        var village = await scenario.VillageAsync();
        var disbursementId = (string)(await DisburseAsync(fundId, village.Household, 30_000)).Ok()["id"]!;
        var disbursed = (await scenario.FundEntriesAsync(fundId))[^1]!;
        Assert.Equal("DISBURSED", (string?)disbursed["kind"]);

        var reversal = (await ReverseAsync((string)disbursed["id"]!)).Ok();

        Assert.Equal(30_000, (long)reversal["amountFen"]!);
        Assert.Equal(disbursementId, (string?)reversal["disbursement"]!["id"]);
        Assert.Equal(100_000, (long)reversal["fund"]!["balanceFen"]!);
        Assert.Equal(100_000, await scenario.BalanceAsync(fundId));
    }

    [Fact]
    public async Task ReverseFundEntry_refuses_to_reverse_a_reversal()
    {
        var fundId = await scenario.FundAsync(100_000);
        var received = (string)(await scenario.FundEntriesAsync(fundId))[0]!["id"]!;
        var reversalId = (string)(await ReverseAsync(received)).Ok()["id"]!;

        await scenario.RefusedAsync(() => ReverseAsync(reversalId), "CANNOT_REVERSE_REVERSAL");

        Assert.Equal(0, await scenario.BalanceAsync(fundId));
    }

    [Fact]
    public async Task ReverseFundEntry_refuses_to_reverse_an_entry_twice()
    {
        var fundId = await scenario.FundAsync(100_000);
        await scenario.Client.MutateAsync("adjustFund", "entry", "{ id }", new { fundId, amountFenChange = 5_000, reason = "盘盈" });
        var adjusted = (string)(await scenario.FundEntriesAsync(fundId))[^1]!["id"]!;
        (await ReverseAsync(adjusted)).Ok();

        var data = await scenario.Client.DataAsync(
            "mutation($input: ReverseFundEntryInput!) { reverseFundEntry(input: $input) { errors { ... on ReversalRefusedError { code entryId } } } }",
            new { input = new { entryId = adjusted, reason = "再次冲销" } });

        var error = Assert.Single(data["reverseFundEntry"]!["errors"]!.AsArray())!;
        Assert.Equal("ALREADY_REVERSED", (string?)error["code"]);
        Assert.Equal(adjusted, (string?)error["entryId"]);
        await scenario.RefusedAsync(() => ReverseAsync(adjusted), "ALREADY_REVERSED");
        Assert.Equal(100_000, await scenario.BalanceAsync(fundId));
    }

    [Fact]
    public async Task ReverseFundEntry_refuses_to_reverse_a_donation_whose_cash_was_already_paid_out()
    {
        var fundId = await scenario.FundAsync(100_000);
        var received = (string)(await scenario.FundEntriesAsync(fundId))[0]!["id"]!;
        (await DisburseAsync(fundId, (await scenario.VillageAsync()).Household, 60_000)).Ok();

        await scenario.RefusedAsync(() => ReverseAsync(received), "FUND_OVERDRAWN");

        Assert.Equal(40_000, await scenario.BalanceAsync(fundId));
    }

    [Fact]
    public async Task ReverseFundEntry_refuses_an_unknown_entry() =>
        await scenario.RefusedAsync(() => ReverseAsync(GlobalId.Encode("FundEntry", 9_876_543)), "NOT_FOUND", "entryId");

    [Theory]
    [InlineData("garbage")]
    [InlineData("StockEntry")]
    [InlineData("Fund")]
    public async Task ReverseFundEntry_refuses_a_malformed_id_or_the_id_of_another_type(string entryId)
    {
        if (entryId != "garbage")
        {
            entryId = GlobalId.Encode(entryId, 1);
        }

        await scenario.RefusedAsync(() => ReverseAsync(entryId), "INVALID_ID", "entryId");
    }

    [Theory]
    [InlineData(" ")]
    [InlineData(null)]
    public async Task ReverseFundEntry_refuses_a_blank_or_over_long_reason(string? reason)
    {
        var fundId = await scenario.FundAsync(100_000);
        var received = (string)(await scenario.FundEntriesAsync(fundId))[0]!["id"]!;

        await scenario.RefusedAsync(() => ReverseAsync(received, reason ?? new string('x', 1001)), "VALIDATION_FAILED", "reason");
    }
}
