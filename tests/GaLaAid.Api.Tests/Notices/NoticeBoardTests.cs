using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.Notices;
using GaLaAid.Api.Tests.Exports;
using GaLaAid.Api.Tests.Labels;

namespace GaLaAid.Api.Tests.Notices;

public sealed partial class NoticeBoardTests(AuditorLedger app) : IClassFixture<AuditorLedger>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static readonly string ThisMonth = string.Create(CultureInfo.InvariantCulture,
        $"from={new DateOnly(Today.Year, Today.Month, 1):yyyy-MM-dd}&to={new DateOnly(Today.Year, Today.Month, 1).AddMonths(1).AddDays(-1):yyyy-MM-dd}");

    [Theory]
    [InlineData("張三", "張*")]
    [InlineData("張小明", "張*明")]
    [InlineData("欧阳小明", "欧**明")]
    [InlineData("張", "*")]
    [InlineData("𠀋小明", "𠀋*明")]
    [InlineData("才仁多杰", "才**杰")]
    public void A_household_name_keeps_its_first_and_last_character(string name, string masked) =>
        Assert.Equal(masked, HouseholdName.Mask(name));

    [Fact]
    public async Task The_notice_lists_goods_and_cash_per_household_under_masked_names_with_right_totals()
    {
        var html = await PageAsync($"/notices/{app.UnitId}?{ThisMonth}");
        var tv = await app.QueryDatabaseAsync(db => Task.FromResult(db.Categories.Single(c => c.Id == LedgerScenario.TvSet).Name));
        var seed = await app.QueryDatabaseAsync(db => Task.FromResult(db.Categories.Single(c => c.Id == LedgerScenario.Seed).Name));

        Assert.Contains($"<h1>尕拉村 第3社 帮扶物资与资金公示 {Today.Year}年{Today.Month}月</h1>", html, StringComparison.Ordinal);
        Assert.Equal([(tv, "1", "台"), (seed, "230", "斤")], ReceivedRows().Matches(html).Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)));
        var households = HouseholdRows().Matches(html).ToDictionary(m => m.Groups[1].Value, m => (Goods: m.Groups[2].Value, Cash: m.Groups[3].Value));
        Assert.Equal(["張*明", "欧**明"], households.Keys);
        Assert.Equal(($"{tv} 1 台、{seed} 50 斤", "500.00"), households["張*明"]);
        Assert.Equal(($"{seed} 80 斤", "300.50"), households["欧**明"]);
        Assert.Contains($"<tr><td>第3社（集体）</td><td>{seed} 100 斤</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"n cash-total\">800.50</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_notice_shows_no_other_personal_data()
    {
        var html = await PageAsync($"/notices/{app.UnitId}?{ThisMonth}");
        var withoutHash = AuditBlock().Replace(html, string.Empty);

        foreach (var personal in new[] { "張小明", "欧阳小明", "632701198805061234", "632701197001019876", "1234", "9876", "13909761111", "13809762222", "户主腿脚不便", "建档立卡", "本人" })
        {
            Assert.DoesNotContain(personal, withoutHash, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(@"\d{11}", withoutHash);
    }

    [Fact]
    public async Task The_notice_prints_the_audit_head_that_verifyAuditTrail_reports()
    {
        var html = await PageAsync($"/notices/{app.UnitId}?{ThisMonth}");
        var verified = await app.GraphQL().DataAsync("{ verifyAuditTrail { ok headSequence headHash } }");

        Assert.True((bool)verified["verifyAuditTrail"]!["ok"]!);
        var sequence = (long)verified["verifyAuditTrail"]!["headSequence"]!;
        var hash = (string)verified["verifyAuditTrail"]!["headHash"]!;
        Assert.Contains($"<code class=\"audit-sequence\">{sequence}</code>", html, StringComparison.Ordinal);
        Assert.Contains($"<code class=\"audit-hash\">{hash}</code>", html, StringComparison.Ordinal);
        Assert.Contains($"verifyAuditTrail(notedSequence: {sequence}, notedHash: \"{hash}\")", html, StringComparison.Ordinal);
        var noted = await app.GraphQL().DataAsync(
            "query($s: Long!, $h: String!) { verifyAuditTrail(notedSequence: $s, notedHash: $h) { ok } }", new { s = sequence, h = hash });
        Assert.True((bool)noted["verifyAuditTrail"]!["ok"]!);
    }

    [Fact]
    public async Task The_notice_is_in_Chinese_by_default_and_in_English_when_the_browser_prefers_it()
    {
        using var response = await app.GetAsync($"/notices/{app.UnitId}?{ThisMonth}");
        var chinese = await response.Content.ReadAsStringAsync();
        using var englishResponse = await app.GetAsync($"/notices/{app.UnitId}?{ThisMonth}", headers: h => h.AcceptLanguage.ParseAdd("en-GB,en;q=0.9,zh;q=0.5"));
        var english = await englishResponse.Content.ReadAsStringAsync();
        var forced = await PageAsync($"/notices/{app.UnitId}?{ThisMonth}&lang=zh");

        Assert.Contains("<html lang=\"zh-Hans\">", chinese, StringComparison.Ordinal);
        Assert.Contains("<button id=\"print\" type=\"button\">打印</button>", chinese, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        var month = new DateOnly(Today.Year, Today.Month, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        Assert.Contains($"<h1>尕拉村 第3社: aid goods and cash, {month}</h1>", english, StringComparison.Ordinal);
        Assert.Contains("<td class=\"name\">張*明</td>", english, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"zh-Hans\">", forced, StringComparison.Ordinal);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Matches("^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; script-src 'self';", csp);
        Assert.Contains("<script src=\"/labels/print.js\" defer></script>", chinese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_period_without_handovers_or_payments_says_so()
    {
        var html = await PageAsync($"/notices/{app.UnitId}?from=2001-01-01&to=2001-01-15");

        Assert.Contains("<h1>尕拉村 第3社 帮扶物资与资金公示 2001年1月1日至2001年1月15日</h1>", html, StringComparison.Ordinal);
        Assert.Contains("本期没有记录。", html, StringComparison.Ordinal);
        Assert.DoesNotContain("張*明", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_page_links_each_social_unit_for_the_period()
    {
        var html = await PageAsync($"/notices?{ThisMonth}");

        Assert.Contains($"<a href=\"/notices/{app.UnitId}?{ThisMonth.Replace("&", "&amp;", StringComparison.Ordinal)}&amp;lang=zh\">第3社</a>", html, StringComparison.Ordinal);
        Assert.Contains(">第4社</a>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Role.Admin, HttpStatusCode.OK)]
    [InlineData(Role.Staff, HttpStatusCode.OK)]
    [InlineData(Role.Auditor, HttpStatusCode.OK)]
    [InlineData(Role.Volunteer, HttpStatusCode.Forbidden)]
    public async Task Admins_staff_and_auditors_may_open_notices_and_volunteers_may_not(Role role, HttpStatusCode expected)
    {
        var key = await app.KeyForAsync(role);
        foreach (var path in new[] { "/notices", $"/notices/{app.UnitId}" })
        {
            using var response = await app.GetAsync(path, key);
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
    public async Task Notices_refuse_anonymous_and_cross_site_requests_unknown_units_and_bad_periods()
    {
        using var anonymous = await app.GetAsync($"/notices/{app.UnitId}", apiKey: null);
        using var crossSite = await app.GetAsync($"/notices/{app.UnitId}", headers: h => h.Add("Sec-Fetch-Site", "cross-site"));
        using var household = await app.GetAsync($"/notices/{app.ZhangXiaoming}");
        using var garbage = await app.GetAsync("/notices/not-an-id");
        using var badDay = await app.GetAsync($"/notices/{app.UnitId}?from=2026-02-30");
        using var backwards = await app.GetAsync($"/notices/{app.UnitId}?from=2026-11-02&to=2026-11-01");
        using var badLanguage = await app.GetAsync($"/notices/{app.UnitId}?lang=fr");

        await PrintSheets.RefusedAsync(anonymous, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await PrintSheets.RefusedAsync(crossSite, HttpStatusCode.Forbidden, "CROSS_SITE_REQUEST");
        await PrintSheets.RefusedAsync(household, HttpStatusCode.NotFound, "NOT_FOUND");
        await PrintSheets.RefusedAsync(garbage, HttpStatusCode.NotFound, "NOT_FOUND");
        await PrintSheets.RefusedAsync(badDay, HttpStatusCode.BadRequest, "INVALID_PERIOD");
        await PrintSheets.RefusedAsync(backwards, HttpStatusCode.BadRequest, "INVALID_PERIOD");
        await PrintSheets.RefusedAsync(badLanguage, HttpStatusCode.BadRequest, "INVALID_LANGUAGE");
    }

    private async Task<string> PageAsync(string path)
    {
        using var response = await app.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {html}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return html;
    }

    [GeneratedRegex("<tr><td>([^<]+)</td><td class=\"n\">(\\d+)</td><td>([^<]+)</td></tr>")]
    private static partial Regex ReceivedRows();

    [GeneratedRegex("<tr><td class=\"name\">([^<]+)</td><td>([^<]*)</td><td class=\"n\">([^<]*)</td></tr>")]
    private static partial Regex HouseholdRows();

    [GeneratedRegex("<div class=\"audit\">.*?</div>", RegexOptions.Singleline)]
    private static partial Regex AuditBlock();
}
