using System.Globalization;
using System.Net;
using System.Text;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.Tests.Labels;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Exports;

public sealed class ExportFileTests(AuditorLedger app) : IClassFixture<AuditorLedger>
{
    /// <summary>Each dataset, the database's row count, and one figure column with the database's sum of it.</summary>
    public static TheoryData<string, string> Datasets => new()
    {
        { "stock-entries", "quantity 数量" },
        { "fund-entries", "amountYuan 金额（元）" },
        { "cash-donations", "amountYuan 金额（元）" },
        { "in-kind-donation-lines", "quantity 数量" },
        { "handovers", "id 编号" },
        { "disbursements", "amountYuan 金额（元）" },
        { "pledges", "promisedAmountYuan 认捐金额（元）" },
        { "recipients", "memberCount 人口" },
        { "items", "quantityOnHand 现存数量" },
        { "audit-trail", "sequence 序号" },
    };

    [Theory]
    [MemberData(nameof(Datasets))]
    public async Task Every_dataset_parses_back_to_the_database_figures_from_CSV_and_from_XLSX(string dataset, string figure)
    {
        var (count, sum) = await app.QueryDatabaseAsync(db => Expected(db, dataset));

        var csv = AuditorLedger.ParseCsv(await app.FileAsync($"/exports/{dataset}.csv"));
        var xlsx = AuditorLedger.ParseXlsx(await app.FileAsync($"/exports/{dataset}.xlsx"));

        Assert.Equal(count, csv.Count);
        Assert.Equal(count, xlsx.Count);
        Assert.Equal(sum, csv.Sum(row => row[figure].Length == 0 ? 0m : decimal.Parse(row[figure], CultureInfo.InvariantCulture)));
        Assert.Equal(sum, xlsx.Sum(row => row[figure] is null ? 0m : Convert.ToDecimal(row[figure], CultureInfo.InvariantCulture)));
        Assert.All(xlsx.Where(row => row[figure] is not null), row => Assert.IsNotType<string>(row[figure]));
    }

    [Fact]
    public async Task A_CSV_export_is_UTF8_with_a_byte_order_mark_and_keeps_the_Chinese_text()
    {
        using var response = await app.GetAsync("/exports/stock-entries.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("galaaid-stock-entries.csv", disposition.FileName?.Trim('"'));
        Assert.Equal("GaLaAid-库存流水-stock-entries.csv", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''GaLaAid-%E5%BA%93%E5%AD%98%E6%B5%81%E6%B0%B4-stock-entries.csv", response.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);

        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("id 编号,kind 类型,itemCode 标签码,category 类别,", text, StringComparison.Ordinal);
        var rows = AuditorLedger.ParseCsv(bytes);
        var handedOut = rows.Where(r => r["kind 类型"] == "Distributed").ToList();
        Assert.Contains(handedOut, r => r["description 物品"] == "32寸液晶电视" && r["recipient 受助方"] == "張小明" && r["quantity 数量"] == "-1"
            && r["estimatedValueYuan 估值（元）"] == "-1500.00" && r["unit 单位"] == "台");
        Assert.Contains(handedOut, r => r["description 物品"] == "青稞种子" && r["recipient 受助方"] == "欧阳小明" && r["quantity 数量"] == "-80" && r["unit 单位"] == "斤");
        Assert.All(rows, r => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$", r["recordedAt 记录时间（UTC）"]));
    }

    [Fact]
    public async Task An_XLSX_export_keeps_numbers_as_numbers_and_the_Chinese_text()
    {
        using var response = await app.GetAsync("/exports/disbursements.xlsx");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("galaaid-disbursements.xlsx", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var rows = AuditorLedger.ParseXlsx(bytes);
        Assert.Equal(2, rows.Count);
        Assert.Equal(["張小明", "欧阳小明"], rows.Select(r => (string?)r["recipient 受助方"]));
        Assert.Equal([500m, 300.5m], rows.Select(r => Convert.ToDecimal(r["amountYuan 金额（元）"], CultureInfo.InvariantCulture)));
        Assert.All(rows, r => Assert.Equal(LedgerScenario.Today(), r["paidOn 支付日期"]));
    }

    [Fact]
    public async Task From_and_to_select_rows_by_the_datasets_date_column()
    {
        var cut = Uri.EscapeDataString(app.BeforeHandovers.ToString("O", CultureInfo.InvariantCulture));
        var later = AuditorLedger.ParseCsv(await app.FileAsync($"/exports/stock-entries.csv?from={cut}"));
        var earlier = AuditorLedger.ParseXlsx(await app.FileAsync($"/exports/stock-entries.xlsx?to={cut}"));
        var all = await app.QueryDatabaseAsync(db => db.StockEntries.CountAsync());

        // Three handovers: a television and 50 斤 of seed, 80 斤, 100 斤.
        Assert.Equal(4, later.Count);
        Assert.All(later, r => Assert.Equal("Distributed", r["kind 类型"]));
        Assert.Equal(-231, later.Sum(r => int.Parse(r["quantity 数量"], CultureInfo.InvariantCulture)));
        Assert.Equal(all - 4, earlier.Count);
        Assert.All(earlier, r => Assert.Equal("Received", r["kind 类型"]));
        Assert.Empty(AuditorLedger.ParseCsv(await app.FileAsync("/exports/handovers.csv?from=2001-01-01&to=2001-02-01")));
        Assert.Equal(3, AuditorLedger.ParseCsv(await app.FileAsync($"/exports/handovers.csv?from={cut}&to=2999-01-01")).Count);
    }

    [Theory]
    [InlineData("from=yesterday")]
    [InlineData("to=2026-13-01")]
    [InlineData("from=2026-11-01&from=2026-12-01")]
    [InlineData("from=2026-12-01&to=2026-11-01")]
    [InlineData("from=2026-11-01&to=2026-11-01")]
    public async Task A_period_that_is_not_one_is_refused_with_400(string query)
    {
        using var response = await app.GetAsync("/exports/fund-entries.csv?" + query);

        await PrintSheets.RefusedAsync(response, HttpStatusCode.BadRequest, "INVALID_PERIOD");
    }

    [Theory]
    [InlineData("/exports/donors.csv")]
    [InlineData("/exports/stock-entries.pdf")]
    [InlineData("/exports/stock-entries")]
    public async Task An_unknown_dataset_or_format_is_404(string path)
    {
        using var response = await app.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        if (path.Contains('.', StringComparison.Ordinal))
        {
            await PrintSheets.RefusedAsync(response, HttpStatusCode.NotFound, "EXPORT_NOT_FOUND");
        }
    }

    [Theory]
    [InlineData(Role.Admin, "stock-entries", HttpStatusCode.OK)]
    [InlineData(Role.Staff, "stock-entries", HttpStatusCode.OK)]
    [InlineData(Role.Auditor, "stock-entries", HttpStatusCode.OK)]
    [InlineData(Role.Volunteer, "stock-entries", HttpStatusCode.Forbidden)]
    [InlineData(Role.Volunteer, "recipients", HttpStatusCode.Forbidden)]
    [InlineData(Role.Auditor, "audit-trail", HttpStatusCode.OK)]
    [InlineData(Role.Staff, "audit-trail", HttpStatusCode.Forbidden)]
    public async Task Each_dataset_is_for_the_roles_that_may_read_it_in_GraphQL(Role role, string dataset, HttpStatusCode expected)
    {
        foreach (var format in new[] { "csv", "xlsx" })
        {
            using var response = await app.GetAsync($"/exports/{dataset}.{format}", await app.KeyForAsync(role));
            if (expected == HttpStatusCode.OK)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
            else
            {
                await PrintSheets.RefusedAsync(response, expected, "FORBIDDEN");
            }
        }
    }

    [Fact]
    public async Task Without_a_valid_key_an_export_is_401_and_from_another_site_403()
    {
        using var anonymous = await app.GetAsync("/exports/stock-entries.csv", apiKey: null);
        using var forged = await app.GetAsync("/exports/stock-entries.csv", apiKey: "gla_NotAKeyAtAll0123456789abcdefghijkl");
        using var crossSite = await app.GetAsync("/exports/stock-entries.csv", headers: h => h.Add("Sec-Fetch-Site", "cross-site"));

        await PrintSheets.RefusedAsync(anonymous, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await PrintSheets.RefusedAsync(forged, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await PrintSheets.RefusedAsync(crossSite, HttpStatusCode.Forbidden, "CROSS_SITE_REQUEST");
    }

    [Fact]
    public async Task A_signed_in_browser_session_may_download_an_export_and_a_notice()
    {
        var browser = await Tests.Accounts.Browser.Open(app).SignInWithKeyAsync(await app.KeyForAsync(Role.Auditor));

        using var csv = await browser.Http.GetAsync("/exports/handovers.csv");
        using var notice = await browser.Http.GetAsync($"/notices/{app.UnitId}");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(3, AuditorLedger.ParseCsv(await csv.Content.ReadAsByteArrayAsync()).Count);
        Assert.Equal(HttpStatusCode.OK, notice.StatusCode);
    }

    [Fact]
    public async Task A_text_cell_that_a_spreadsheet_would_run_as_a_formula_gets_an_apostrophe_in_CSV()
    {
        var rows = AuditorLedger.ParseCsv(await app.FileAsync("/exports/cash-donations.csv"));
        var xlsx = AuditorLedger.ParseXlsx(await app.FileAsync("/exports/cash-donations.xlsx"));

        var formula = Assert.Single(rows, r => r["donor 捐赠方"].Contains("HYPERLINK", StringComparison.Ordinal));
        Assert.Equal("'" + AuditorLedger.Formula, formula["donor 捐赠方"]);
        Assert.Equal("-5", formula["note 备注"]);
        Assert.Equal("123.45", formula["amountYuan 金额（元）"]);
        Assert.Contains(xlsx, r => (string?)r["donor 捐赠方"] == AuditorLedger.Formula);
    }

    [Fact]
    public async Task Recipients_export_shows_identity_numbers_as_GraphQL_does_in_full_to_admins_only()
    {
        var admin = AuditorLedger.ParseCsv(await app.FileAsync("/exports/recipients.csv"));
        var auditor = AuditorLedger.ParseXlsx(await app.FileAsync("/exports/recipients.xlsx", await app.KeyForAsync(Role.Auditor)));

        Assert.Equal("632701198805061234", Assert.Single(admin, r => r["name 名称"] == "張小明")["idNumber 身份证号"]);
        var masked = Assert.Single(auditor, r => (string?)r["name 名称"] == "張小明");
        Assert.Equal("**************1234", masked["idNumber 身份证号"]);
        Assert.Equal("13909761111", masked["phone 电话"]);
    }

    [Fact]
    public async Task The_list_of_exports_names_what_the_caller_may_export()
    {
        using var auditor = await app.GetAsync("/exports", await app.KeyForAsync(Role.Auditor));
        using var staff = await app.GetAsync("/exports", await app.KeyForAsync(Role.Staff));

        var forAuditor = System.Text.Json.Nodes.JsonNode.Parse(await auditor.Content.ReadAsStringAsync())!["datasets"]!.AsArray().Select(d => (string)d!["name"]!).ToList();
        var forStaff = System.Text.Json.Nodes.JsonNode.Parse(await staff.Content.ReadAsStringAsync())!["datasets"]!.AsArray().Select(d => (string)d!["name"]!).ToList();
        string[] reports =
        [
            "household-coverage", "pledge-fulfilment", "reconciliation-by-category", "reconciliation-by-donor",
            "reconciliation-by-fund", "reconciliation-by-recipient", "social-unit-coverage",
        ];
        Assert.Equal(Datasets.Select(d => (string)d[0]).Concat(reports).Order(StringComparer.Ordinal), forAuditor);
        Assert.DoesNotContain("audit-trail", forStaff);
    }

    private static async Task<(int Count, decimal Sum)> Expected(AppDbContext db, string dataset) => dataset switch
    {
        "stock-entries" => (await db.StockEntries.CountAsync(), await db.StockEntries.SumAsync(e => e.Quantity)),
        "fund-entries" => (await db.FundEntries.CountAsync(), await db.FundEntries.SumAsync(e => e.AmountFen) / 100m),
        "cash-donations" => (await db.CashDonations.CountAsync(), await db.CashDonations.SumAsync(d => d.AmountFen) / 100m),
        "in-kind-donation-lines" => (await db.DonationLines.CountAsync(), await db.DonationLines.SumAsync(l => l.Quantity)),
        "handovers" => (await db.Handovers.CountAsync(), await db.Handovers.SumAsync(h => h.Id)),
        "disbursements" => (await db.Disbursements.CountAsync(), await db.Disbursements.SumAsync(d => d.AmountFen) / 100m),
        "pledges" => (await db.Pledges.CountAsync(), await db.Pledges.SumAsync(p => p.PromisedAmountFen ?? 0) / 100m),
        "recipients" => (await db.Recipients.CountAsync(), await db.Recipients.SumAsync(r => r.MemberCount ?? 0)),
        "items" => (await db.StockItems.CountAsync(), await db.StockItems.SumAsync(i => i.QuantityOnHand)),
        _ => (await db.AuditEntries.CountAsync(), await db.AuditEntries.SumAsync(e => e.Sequence)),
    };
}
