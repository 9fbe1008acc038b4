using GaLaAid.Api.Tests.Seed;

namespace GaLaAid.Api.Tests.Exports;

/// <summary>The auditor's reports download as CSV and XLSX with the same figures GraphQL gives, on the demo village.</summary>
public sealed class ReportExportTests(DemoSeededApp app) : IClassFixture<DemoSeededApp>
{
    [Fact]
    public async Task Reconciliation_by_fund_exports_the_demo_cash_and_every_row_balances()
    {
        var csv = AuditorLedger.ParseCsv(await AuditorLedgerFiles.GetAsync(app, "/exports/reconciliation-by-fund.csv"));
        var xlsx = AuditorLedger.ParseXlsx(await AuditorLedgerFiles.GetAsync(app, "/exports/reconciliation-by-fund.xlsx"));

        var total = Assert.Single(csv, row => row["kind 分组"] == "Total");
        Assert.Equal("11000.00", total["cashReceivedYuan 现金收入（元）"]);
        Assert.Equal("6000.00", total["cashDistributedYuan 现金支出（元）"]);
        Assert.Equal("5000.00", total["cashClosingYuan 现金期末（元）"]);
        Assert.All(csv, row => Assert.Equal("true", row["balances 平衡"]));
        Assert.Equal(csv.Count, xlsx.Count);
    }

    [Fact]
    public async Task Reconciliation_by_category_exports_every_demo_item_received_and_given_out()
    {
        var rows = AuditorLedger.ParseCsv(await AuditorLedgerFiles.GetAsync(app, "/exports/reconciliation-by-category.csv"));

        var total = Assert.Single(rows, row => row["kind 分组"] == "Total");
        Assert.Equal("467", total["goodsReceived 物资收入"]);
        Assert.Equal("467", total["goodsDistributed 物资发放"]);
        Assert.Equal("0", total["goodsClosing 物资期末"]);
        Assert.Equal(
            467,
            rows.Where(row => row["kind 分组"] == "Category").Sum(row => long.Parse(row["goodsReceived 物资收入"], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Household_coverage_exports_the_162_households_and_the_12_condolence_payments()
    {
        var rows = AuditorLedger.ParseCsv(await AuditorLedgerFiles.GetAsync(app, "/exports/household-coverage.csv"));

        Assert.Equal(162, rows.Count);
        Assert.Equal(12, rows.Count(row => row["cashYuan"] == "500.00"));
        Assert.Equal(150, rows.Count(row => row["receivedNothing"] == "true"));
        Assert.DoesNotContain(rows[0].Keys, header => header.Contains("idNumber", StringComparison.OrdinalIgnoreCase) || header.Contains("phone", StringComparison.OrdinalIgnoreCase));
        var units = AuditorLedger.ParseCsv(await AuditorLedgerFiles.GetAsync(app, "/exports/social-unit-coverage.csv"));
        Assert.Equal(546, units.Sum(unit => int.Parse(unit["members"], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Pledge_fulfilment_exports_one_row_per_pledge()
    {
        var rows = AuditorLedger.ParseCsv(await AuditorLedgerFiles.GetAsync(app, "/exports/pledge-fulfilment.csv"));
        var pledges = await app.QueryDatabaseAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Pledges));

        Assert.Equal(pledges, rows.Count);
        Assert.True(pledges > 0, "The demo village has pledges (seeds and fertiliser for spring ploughing).");
    }

    [Fact]
    public async Task Volunteers_may_not_export_reports()
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await app.KeyForAsync(GaLaAid.Api.Accounts.Role.Volunteer));

        using var response = await http.GetAsync("/exports/household-coverage.csv");

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }
}
