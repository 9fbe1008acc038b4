using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Funds;

public sealed class CreateFundTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string Selection = "{ id name purpose balanceFen balanceYuan recordedBy recordedAt entries { totalCount } }";

    private readonly LedgerScenario scenario = new(app);

    private Task<MutationResult> CreateFundAsync(object input) =>
        scenario.Client.MutateAsync("createFund", "fund", Selection, input);

    [Fact]
    public async Task CreateFund_opens_a_fund_with_a_zero_balance_and_no_entries()
    {
        var before = await app.LedgerCountsAsync();
        var from = DateTime.UtcNow;

        var fund = (await CreateFundAsync(new { name = " 慰问金 ", purpose = "困难群众慰问" })).Ok();

        var to = DateTime.UtcNow;
        var id = LedgerScenario.RowId((string?)fund["id"], "Fund");
        Assert.Equal("慰问金", (string?)fund["name"]);
        Assert.Equal("困难群众慰问", (string?)fund["purpose"]);
        Assert.Equal(0, (long)fund["balanceFen"]!);
        Assert.Equal(0m, (decimal)fund["balanceYuan"]!);
        Assert.Equal(0, (int)fund["entries"]!["totalCount"]!);
        Assert.Equal("admin", (string?)fund["recordedBy"]);

        var stored = await app.QueryDatabaseAsync(db => db.Funds.SingleAsync(f => f.Id == id));
        Assert.Equal("慰问金", stored.Name);
        Assert.Equal(0, stored.BalanceFen);
        Assert.Equal("admin", stored.RecordedBy);
        LedgerScenario.RecordedBetween(from, stored.RecordedAt, to);
        Assert.Equal(stored.RecordedAt, LedgerScenario.Utc(fund["recordedAt"]));
        Assert.Equal(before with { Funds = before.Funds + 1, AuditEntries = before.AuditEntries + 1 }, await app.LedgerCountsAsync());
    }

    [Fact]
    public async Task CreateFund_refuses_a_name_that_is_already_taken()
    {
        var name = $"教育救助金 {Guid.NewGuid():N}";
        (await CreateFundAsync(new { name })).Ok();

        await scenario.RefusedAsync(() => CreateFundAsync(new { name = $"  {name} " }), "VALIDATION_FAILED", "name");
    }

    [Theory]
    [InlineData("name", "")]
    [InlineData("name", " \t ")]
    [InlineData("name", 201)]
    [InlineData("purpose", 1001)]
    public async Task CreateFund_refuses_blank_or_over_long_text(string field, object value)
    {
        var text = value is int length ? new string('x', length) : (string)value;
        object input = field == "name" ? new { name = text } : new { name = $"基金 {Guid.NewGuid():N}", purpose = text };

        await scenario.RefusedAsync(() => CreateFundAsync(input), "VALIDATION_FAILED", field);
    }
}
