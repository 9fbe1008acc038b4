using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using GaLaAid.Api.Labels;

namespace GaLaAid.Api.Notices;

/// <summary>
/// The printable notice: one A4 page per social unit and period, all styling in one style element
/// whose hash the CSP names, and the print button's script from /labels/print.js.
/// </summary>
public static class NoticePage
{
    private const string Fonts = "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"WenQuanYi Micro Hei\", \"Microsoft YaHei\", \"PingFang SC\", sans-serif";

    private const string Style = """

        @page { size: A4; margin: 15mm; }
        body { font-family: FONTS; color: #000; margin: 0 auto; max-width: 180mm; font-size: 11pt; line-height: 1.5; }
        h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; }
        h2 { font-size: 13pt; margin: 6mm 0 2mm; }
        table { width: 100%; border-collapse: collapse; margin-bottom: 2mm; }
        th, td { border: 0.3mm solid #000; padding: 1mm 2mm; text-align: left; vertical-align: top; }
        td.n, th.n { text-align: right; white-space: nowrap; }
        tfoot td { font-weight: 700; }
        .audit { margin-top: 6mm; padding: 2mm 3mm; border: 0.3mm dashed #000; font-size: 9.5pt; }
        .audit code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; word-break: break-all; }
        .note { font-size: 9.5pt; }
        .empty { font-style: italic; }
        ul.units { font-size: 13pt; }
        .toolbar { margin: 4mm 0; }
        .toolbar button { font-size: 14pt; padding: 1mm 8mm; }
        @media print { .toolbar { display: none; } }

        """;

    private static readonly string PageStyle = Style.Replace("FONTS", Fonts, StringComparison.Ordinal);

    private static readonly string Csp =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(PageStyle)))}'; script-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static (string Html, string ContentSecurityPolicy) Render(Notice notice, PageLanguage language, DateTime printedAt)
    {
        var t = NoticeText.For(language);
        var title = t.Title(notice.Village, notice.Unit, t.Period(notice.Period));
        var html = Begin(t, title);
        html.Append("<h2>").Append(E(t.Received)).Append("</h2>\n");
        GoodsTable(html, t, notice.Received, language);

        html.Append("<h2>").Append(E(t.PerHousehold)).Append("</h2>\n");
        if (notice.Households.Count == 0 && notice.ToTheUnit.Count == 0)
        {
            html.Append("<p class=\"empty\">").Append(E(t.Nothing)).Append("</p>\n");
        }
        else
        {
            html.Append("<table class=\"households\">\n<thead><tr><th>").Append(E(t.Household)).Append("</th><th>").Append(E(t.Goods))
                .Append("</th><th class=\"n\">").Append(E(t.Cash)).Append("</th></tr></thead>\n<tbody>\n");
            if (notice.ToTheUnit.Count > 0)
            {
                html.Append("<tr><td>").Append(E(t.Collective(notice.Unit))).Append("</td><td>").Append(E(GoodsList(notice.ToTheUnit, t, language)))
                    .Append("</td><td class=\"n\"></td></tr>\n");
            }

            foreach (var household in notice.Households)
            {
                html.Append("<tr><td class=\"name\">").Append(E(household.MaskedName)).Append("</td><td>").Append(E(GoodsList(household.Goods, t, language)))
                    .Append("</td><td class=\"n\">").Append(household.CashFen == 0 ? string.Empty : Yuan(household.CashFen)).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n<tfoot><tr><td colspan=\"2\">").Append(E(t.CashTotal)).Append("</td><td class=\"n cash-total\">")
                .Append(Yuan(notice.CashFen)).Append("</td></tr></tfoot>\n</table>\n");
        }

        html.Append("<div class=\"audit\">\n<p>").Append(E(t.AuditHeading)).Append("</p>\n");
        if (notice.AuditHead is { } head)
        {
            html.Append("<p>").Append(E(t.Sequence)).Append(" <code class=\"audit-sequence\">").Append(head.Sequence.ToString(CultureInfo.InvariantCulture))
                .Append("</code><br>").Append(E(t.Hash)).Append(" <code class=\"audit-hash\">").Append(E(head.Hash)).Append("</code></p>\n")
                .Append("<p>").Append(E(t.HowToCheck)).Append("</p>\n<p><code>verifyAuditTrail(notedSequence: ")
                .Append(head.Sequence.ToString(CultureInfo.InvariantCulture)).Append(", notedHash: \"").Append(E(head.Hash)).Append("\") { ok }</code></p>\n");
        }

        html.Append("<p>").Append(E(t.PrintedAt(printedAt))).Append("</p>\n</div>\n")
            .Append("<p class=\"note\">").Append(E(t.Objections)).Append("</p>\n");
        return (End(html), Csp);
    }

    public static (string Html, string ContentSecurityPolicy) RenderList(IReadOnlyList<NoticeUnit> units, NoticePeriod period, PageLanguage language)
    {
        var t = NoticeText.For(language);
        var html = Begin(t, t.ListTitle(t.Period(period)));
        html.Append("<ul class=\"units\">\n");
        foreach (var unit in units)
        {
            var href = $"/notices/{GraphQL.GlobalId.Encode("Recipient", unit.Id)}?{period.Query}&lang={(language == PageLanguage.English ? "en" : "zh")}";
            html.Append("<li><a href=\"").Append(E(href)).Append("\">").Append(E(unit.Name)).Append("</a></li>\n");
        }

        html.Append("</ul>\n");
        if (units.Count == 0)
        {
            html.Append("<p class=\"empty\">").Append(E(t.NoUnits)).Append("</p>\n");
        }

        return (End(html), Csp);
    }

    private static StringBuilder Begin(NoticeText t, string title)
    {
        var html = new StringBuilder(8192);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(t.HtmlLang).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n")
            .Append("<style>").Append(PageStyle).Append("</style>\n")
            .Append("<script src=\"").Append(HtmlLabelSheet.ScriptPath).Append("\" defer></script>\n</head>\n<body>\n")
            .Append("<div class=\"toolbar\"><button id=\"print\" type=\"button\">").Append(E(t.Print)).Append("</button></div>\n")
            .Append("<h1>").Append(E(title)).Append("</h1>\n");
        return html;
    }

    private static string End(StringBuilder html) => html.Append("</body>\n</html>\n").ToString();

    private static void GoodsTable(StringBuilder html, NoticeText t, IReadOnlyList<NoticeGoods> goods, PageLanguage language)
    {
        if (goods.Count == 0)
        {
            html.Append("<p class=\"empty\">").Append(E(t.Nothing)).Append("</p>\n");
            return;
        }

        html.Append("<table class=\"received\">\n<thead><tr><th>").Append(E(t.Category)).Append("</th><th class=\"n\">").Append(E(t.Quantity))
            .Append("</th><th>").Append(E(t.Unit)).Append("</th></tr></thead>\n<tbody>\n");
        foreach (var g in goods)
        {
            html.Append("<tr><td>").Append(E(Category(g, language))).Append("</td><td class=\"n\">").Append(g.Quantity.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(E(g.Unit)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static string GoodsList(IReadOnlyList<NoticeGoods> goods, NoticeText t, PageLanguage language) =>
        string.Join(t.ListSeparator, goods.Select(g => string.Create(CultureInfo.InvariantCulture, $"{Category(g, language)} {g.Quantity} {g.Unit}")));

    private static string Category(NoticeGoods goods, PageLanguage language) => language == PageLanguage.English ? goods.CategoryEn : goods.Category;

    private static string Yuan(long fen) => (fen / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

/// <summary>The words of the notice in one language; names, units and category names stay as registered.</summary>
public sealed record NoticeText(
    string HtmlLang, Func<string, string, string, string> Title, Func<string, string> ListTitle, Func<NoticePeriod, string> Period,
    string Print, string Received, string PerHousehold, string Household, string Goods, string Cash, string CashTotal,
    string Category, string Quantity, string Unit, Func<string, string> Collective, string Nothing, string NoUnits,
    string AuditHeading, string Sequence, string Hash, string HowToCheck, Func<DateTime, string> PrintedAt, string Objections, string ListSeparator)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static NoticeText For(PageLanguage language) => language == PageLanguage.English ? English : Chinese;

    private static readonly NoticeText Chinese = new(
        "zh-Hans",
        (village, unit, period) => $"{village} {unit} 帮扶物资与资金公示 {period}",
        period => $"帮扶物资与资金公示 {period}：请选择社",
        p => p.IsCalendarMonth
            ? string.Create(CultureInfo.InvariantCulture, $"{p.First.Year}年{p.First.Month}月")
            : string.Create(CultureInfo.InvariantCulture, $"{p.First.Year}年{p.First.Month}月{p.First.Day}日至{p.Last.Year}年{p.Last.Month}月{p.Last.Day}日"),
        "打印",
        "本社收到的物资（含各户）",
        "分户明细",
        "户名",
        "物资",
        "现金（元）",
        "现金合计（元）",
        "类别",
        "数量",
        "单位",
        unit => $"{unit}（集体）",
        "本期没有记录。",
        "还没有登记任何社。",
        "账目校验码",
        "审计记录序号：",
        "哈希：",
        "核对方法：审计人员在 GaLaAid 中用下面的序号和哈希运行 verifyAuditTrail；结果 ok 为 true，说明本公示打印时的账目此后没有被改动。",
        time => string.Create(CultureInfo.InvariantCulture, $"打印时间：{time.Add(Beijing):yyyy年M月d日 HH:mm}（北京时间）"),
        "户名已部分隐去。如有异议，请在公示期内向村委会或驻村工作队反映。",
        "、");

    private static readonly NoticeText English = new(
        "en",
        (village, unit, period) => $"{village} {unit}: aid goods and cash, {period}",
        period => $"Aid notices, {period}: choose a social unit",
        p => p.IsCalendarMonth
            ? p.First.ToString("MMMM yyyy", CultureInfo.InvariantCulture)
            : $"{p.First.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} – {p.Last.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}",
        "Print",
        "Goods received by the unit and its households",
        "Per household",
        "Household",
        "Goods",
        "Cash (yuan)",
        "Cash in total (yuan)",
        "Category",
        "Quantity",
        "Unit",
        unit => $"{unit} (collective)",
        "Nothing was recorded in this period.",
        "No social unit is registered yet.",
        "Ledger check",
        "Audit trail sequence:",
        "Hash:",
        "How to check: an auditor runs verifyAuditTrail in GaLaAid with this sequence and hash; ok: true means the ledger as printed here has not been changed since.",
        time => string.Create(CultureInfo.InvariantCulture, $"Printed {time:yyyy-MM-dd HH:mm} UTC"),
        "Household names are partly hidden. Objections go to the village committee or the work team during the notice period.",
        ", ");
}
