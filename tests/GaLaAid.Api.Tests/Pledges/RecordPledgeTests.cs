using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Pledges;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Pledges;

public sealed class RecordPledgeTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string Selection = """
        {
          id kind description promisedAmountFen promisedQuantity promisedUnit expectedOn recordedBy recordedAt receivedAmountFen
          donor { id } promisedCategory { id name } intendedRecipient { id } cashDonations { id } inKindDonations { id }
        }
        """;

    private readonly LedgerScenario scenario = new(app);

    private Task<MutationResult> PledgeAsync(object input) =>
        scenario.Client.MutateAsync("recordPledge", "pledge", Selection, input);

    [Fact]
    public async Task RecordPledge_records_a_promise_of_cash()
    {
        var donorId = await scenario.DonorAsync();
        var unit = (await scenario.VillageAsync()).Unit;
        var before = await app.LedgerCountsAsync();
        var from = DateTime.UtcNow;

        var pledge = (await PledgeAsync(new
        {
            donorId,
            kind = "CASH",
            description = " 春节慰问金 ",
            promisedAmountFen = 2_000_000,
            expectedOn = "2027-01-15",
            intendedRecipientId = unit,
        })).Ok();

        var to = DateTime.UtcNow;
        Assert.Equal("CASH", (string?)pledge["kind"]);
        Assert.Equal("春节慰问金", (string?)pledge["description"]);
        Assert.Equal(2_000_000, (long)pledge["promisedAmountFen"]!);
        Assert.Equal("2027-01-15", (string?)pledge["expectedOn"]);
        Assert.Equal(donorId, (string?)pledge["donor"]!["id"]);
        Assert.Equal(unit, (string?)pledge["intendedRecipient"]!["id"]);
        Assert.Null(pledge["promisedCategory"]);
        Assert.Equal(0, (long)pledge["receivedAmountFen"]!);
        Assert.Empty(pledge["cashDonations"]!.AsArray());
        Assert.Equal("admin", (string?)pledge["recordedBy"]);

        var id = (int)LedgerScenario.RowId((string?)pledge["id"], "Pledge");
        var stored = await app.QueryDatabaseAsync(db => db.Pledges.SingleAsync(p => p.Id == id));
        Assert.Equal(PledgeKind.Cash, stored.Kind);
        Assert.Equal(2_000_000, stored.PromisedAmountFen);
        Assert.Equal(new DateOnly(2027, 1, 15), stored.ExpectedOn);
        Assert.Equal((int?)LedgerScenario.RowId(unit, "Recipient"), stored.IntendedRecipientId);
        Assert.Equal("admin", stored.RecordedBy);
        LedgerScenario.RecordedBetween(from, stored.RecordedAt, to);
        Assert.Equal(stored.RecordedAt, LedgerScenario.Utc(pledge["recordedAt"]));
        Assert.Equal(before with { Pledges = before.Pledges + 1, AuditEntries = before.AuditEntries + 1 }, await app.LedgerCountsAsync());
    }

    [Fact]
    public async Task RecordPledge_records_a_promise_of_goods_of_one_kind()
    {
        var pledge = (await PledgeAsync(new
        {
            donorId = await scenario.DonorAsync(),
            kind = "GOODS",
            description = "电视机三台",
            promisedCategoryId = LedgerScenario.CategoryId(LedgerScenario.TvSet),
            promisedQuantity = 3,
            promisedUnit = "台",
        })).Ok();

        Assert.Equal("GOODS", (string?)pledge["kind"]);
        Assert.Null(pledge["promisedAmountFen"]);
        Assert.Equal("电视机", (string?)pledge["promisedCategory"]!["name"]);
        Assert.Equal(3, (int)pledge["promisedQuantity"]!);
        Assert.Equal("台", (string?)pledge["promisedUnit"]);
        Assert.Null(pledge["expectedOn"]);
    }

    [Fact]
    public async Task RecordPledge_refuses_a_cash_pledge_without_an_amount()
    {
        var input = new { donorId = await scenario.DonorAsync(), kind = "CASH", description = "慰问金" };

        await scenario.RefusedAsync(() => PledgeAsync(input), "VALIDATION_FAILED", "promisedAmountFen");
    }

    [Fact]
    public async Task RecordPledge_refuses_a_goods_pledge_with_an_amount()
    {
        var input = new { donorId = await scenario.DonorAsync(), kind = "GOODS", description = "被子", promisedAmountFen = 10_000 };

        await scenario.RefusedAsync(() => PledgeAsync(input), "VALIDATION_FAILED", "promisedAmountFen");
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(InputCheck.MaxAmountFen + 1)]
    public async Task RecordPledge_refuses_an_amount_that_is_not_positive_or_absurd(long promisedAmountFen)
    {
        var input = new { donorId = await scenario.DonorAsync(), kind = "CASH", description = "慰问金", promisedAmountFen };

        await scenario.RefusedAsync(() => PledgeAsync(input), "VALIDATION_FAILED", "promisedAmountFen");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public async Task RecordPledge_refuses_a_zero_or_negative_quantity(int promisedQuantity)
    {
        var input = new { donorId = await scenario.DonorAsync(), kind = "GOODS", description = "被子", promisedQuantity };

        await scenario.RefusedAsync(() => PledgeAsync(input), "VALIDATION_FAILED", "promisedQuantity");
    }

    [Theory]
    [InlineData("description", "   ")]
    [InlineData("description", 1001)]
    [InlineData("promisedUnit", 17)]
    public async Task RecordPledge_refuses_blank_or_over_long_text(string field, object value)
    {
        var donorId = await scenario.DonorAsync();
        var text = value is int length ? new string('x', length) : (string)value;
        object input = field == "description"
            ? new { donorId, kind = "GOODS", description = text }
            : new { donorId, kind = "GOODS", description = "被子", promisedUnit = text };

        await scenario.RefusedAsync(() => PledgeAsync(input), "VALIDATION_FAILED", field);
    }

    [Theory]
    [InlineData("1999-12-31")]
    [InlineData("+6y")]
    public async Task RecordPledge_refuses_an_expected_date_out_of_range(string expectedOn)
    {
        var input = new
        {
            donorId = await scenario.DonorAsync(),
            kind = "GOODS",
            description = "被子",
            expectedOn = expectedOn == "+6y" ? LedgerScenario.Today(6 * 366) : expectedOn,
        };

        await scenario.RefusedAsync(() => PledgeAsync(input), "VALIDATION_FAILED", "expectedOn");
    }

    [Fact]
    public async Task RecordPledge_refuses_a_category_group_instead_of_a_kind()
    {
        var input = new { donorId = await scenario.DonorAsync(), kind = "GOODS", description = "家电", promisedCategoryId = LedgerScenario.CategoryId(LedgerScenario.Appliances) };

        await scenario.RefusedAsync(() => PledgeAsync(input), "VALIDATION_FAILED", "promisedCategoryId");
    }

    [Theory]
    [InlineData("donorId")]
    [InlineData("promisedCategoryId")]
    [InlineData("intendedRecipientId")]
    public async Task RecordPledge_refuses_an_unknown_donor_category_or_recipient(string field)
    {
        var input = new
        {
            donorId = field == "donorId" ? GlobalId.Encode("Donor", 987_654) : await scenario.DonorAsync(),
            kind = "GOODS",
            description = "被子",
            promisedCategoryId = field == "promisedCategoryId" ? GlobalId.Encode("Category", 987_654) : null,
            intendedRecipientId = field == "intendedRecipientId" ? GlobalId.Encode("Recipient", 987_654) : null,
        };

        await scenario.RefusedAsync(() => PledgeAsync(input), "NOT_FOUND", field);
    }

    [Theory]
    [InlineData("donorId")]
    [InlineData("promisedCategoryId")]
    [InlineData("intendedRecipientId")]
    public async Task RecordPledge_refuses_the_id_of_another_type(string field)
    {
        var donorId = await scenario.DonorAsync();
        var input = new
        {
            donorId = field == "donorId" ? GlobalId.Encode("Pledge", 1) : donorId,
            kind = "GOODS",
            description = "被子",
            promisedCategoryId = field == "promisedCategoryId" ? donorId : null,
            intendedRecipientId = field == "intendedRecipientId" ? donorId : null,
        };

        await scenario.RefusedAsync(() => PledgeAsync(input), "INVALID_ID", field);
    }
}
