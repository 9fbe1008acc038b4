using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GaLaAid.Api.Labels;

/// <summary>The words of the sheet's page around the labels; the labels show item text as entered.</summary>
public sealed record SheetText(
    string HtmlLang, string Title, string Print, string Hint, string Empty,
    Func<int, int, string> Summary, string Preview, Func<int, int, string> Recorded)
{
    public static SheetText For(PageLanguage language) => language == PageLanguage.English
        ? new SheetText(
            "en", "GaLaAid labels", "Print", "Print at actual size (100 %) with no margins.", "There are no labels to print.",
            (labels, sheets) => $"{labels} {(labels == 1 ? "label" : "labels")} on {sheets} {(sheets == 1 ? "page" : "pages")}",
            "Preview: this is not recorded in the print history.",
            (job, reprints) => $"Recorded as print job {job}; {reprints} of the labels {(reprints == 1 ? "is a reprint" : "are reprints")}.")
        : new SheetText(
            "zh-CN", "GaLaAid 标签打印", "打印", "打印时请选择“实际大小”（100%），页边距选“无”。", "没有需要打印的标签。",
            (labels, sheets) => $"共 {labels} 个标签，{sheets} 页",
            "预览：本次不记入打印记录。",
            (job, reprints) => $"已记入打印记录（第 {job} 号），其中补打 {reprints} 个。");
}

/// <summary>
/// The print-ready HTML sheet: self-contained, every position in millimetres, one element per
/// printed page. All styling sits in one style element whose hash the page's CSP names, so the
/// page runs nothing inline; the print button's script is /labels/print.js.
/// </summary>
public static class HtmlLabelSheet
{
    public const string ScriptPath = "/labels/print.js";
    public const string Script = "document.getElementById('print').addEventListener('click', function () { window.print(); });\n";

    private const string TextFonts = "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"WenQuanYi Micro Hei\", \"Microsoft YaHei\", \"PingFang SC\", sans-serif";
    private const string CodeFonts = "ui-monospace, \"DejaVu Sans Mono\", \"Liberation Mono\", Menlo, Consolas, monospace";

    /// <summary>The page and the Content-Security-Policy that admits exactly its style and script.</summary>
    public static (string Html, string ContentSecurityPolicy) Render(
        IReadOnlyList<LabelRow> rows, PrintLayout layout, LabelUrls urls, PageLanguage language, LabelPrintJob? job)
    {
        var text = SheetText.For(language);
        var style = Style(layout);
        var sheets = (rows.Count + layout.LabelsPerPage - 1) / layout.LabelsPerPage;
        var html = new StringBuilder(4096 + (rows.Count * 3500));
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(text.HtmlLang).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Escape(text.Title)).Append("</title>\n")
            .Append("<style>").Append(style).Append("</style>\n")
            .Append("<script src=\"").Append(ScriptPath).Append("\" defer></script>\n</head>\n<body>\n")
            .Append("<header class=\"toolbar\">\n<h1>").Append(Escape(text.Title)).Append("</h1>\n");
        if (rows.Count == 0)
        {
            html.Append("<p class=\"empty\">").Append(Escape(text.Empty)).Append("</p>\n</header>\n");
        }
        else
        {
            html.Append("<p>").Append(Escape(text.Summary(rows.Count, sheets)))
                .Append(" · ").Append(Escape(Describe(layout))).Append("</p>\n")
                .Append("<p class=\"status\">").Append(Escape(job is null ? text.Preview : text.Recorded(job.Id, job.ReprintCount))).Append("</p>\n")
                .Append("<p>").Append(Escape(text.Hint)).Append("</p>\n")
                .Append("<button id=\"print\" type=\"button\">").Append(Escape(text.Print)).Append("</button>\n</header>\n");
        }

        html.Append("<main>\n");
        var lines = layout.TextLines;
        for (var sheet = 0; sheet < sheets; sheet++)
        {
            html.Append("<section class=\"sheet\">\n");
            var first = sheet * layout.LabelsPerPage;
            for (var i = first; i < Math.Min(rows.Count, first + layout.LabelsPerPage); i++)
            {
                var row = rows[i];
                html.Append("<div class=\"label c").Append(i - first).Append("\" data-code=\"").Append(Escape(row.Code)).Append("\">");
                AppendQr(html, QrSymbol.Encode(urls.HandoverPage(row.Code)));
                foreach (var line in lines)
                {
                    html.Append("<div class=\"t ").Append(ClassOf(line.Line)).Append("\">").Append(Escape(TextOf(row, line.Line))).Append("</div>");
                }

                html.Append("</div>\n");
            }

            html.Append("</section>\n");
        }

        html.Append("</main>\n</body>\n</html>\n");
        var styleHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)));
        var csp = $"default-src 'none'; style-src 'sha256-{styleHash}'; script-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        return (html.ToString(), csp);
    }

    /// <summary>The text a label shows on one line; shared with the PDF sheet.</summary>
    public static string TextOf(LabelRow row, LabelLine line) => line switch
    {
        LabelLine.Code => row.Code,
        LabelLine.Name => row.Name,
        LabelLine.Category => row.Category,
        LabelLine.Quantity => string.Create(CultureInfo.InvariantCulture, $"{row.Quantity} {row.Unit}"),
        LabelLine.Donor => row.Donor,
        _ => row.ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    public static string Describe(PrintLayout layout) => string.Create(CultureInfo.InvariantCulture,
        $"{layout.Name}: {layout.Columns}×{layout.Rows}, {Mm(layout.LabelWidthMm)}×{Mm(layout.LabelHeightMm)} mm");

    private static string Style(PrintLayout layout)
    {
        var css = new StringBuilder(4096);
        var pageSize = layout is { PageWidthMm: 210, PageHeightMm: 297 } ? "A4" : $"{Mm(layout.PageWidthMm)}mm {Mm(layout.PageHeightMm)}mm";
        css.Append("\n@page { size: ").Append(pageSize).Append("; margin: 0; }\n")
            .Append("html, body { margin: 0; padding: 0; }\n")
            .Append("body { font-family: ").Append(TextFonts).Append("; color: #000; -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n")
            .Append(".sheet { position: relative; box-sizing: border-box; overflow: hidden; background: #fff; width: ").Append(Mm(layout.PageWidthMm))
            .Append("mm; height: ").Append(Mm(layout.PageHeightMm)).Append("mm; break-after: page; page-break-after: always; break-inside: avoid; page-break-inside: avoid; }\n")
            .Append(".sheet:last-child { break-after: auto; page-break-after: auto; }\n")
            .Append(".label { position: absolute; overflow: hidden; break-inside: avoid; width: ").Append(Mm(layout.LabelWidthMm))
            .Append("mm; height: ").Append(Mm(layout.LabelHeightMm)).Append("mm; }\n");
        var qr = layout.QrInCell;
        css.Append(".qr { position: absolute; display: block; left: ").Append(Mm(qr.Left)).Append("mm; top: ").Append(Mm(qr.Top))
            .Append("mm; width: ").Append(Mm(qr.Width)).Append("mm; height: ").Append(Mm(qr.Height)).Append("mm; }\n")
            .Append(".t { position: absolute; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }\n");
        foreach (var line in layout.TextLines)
        {
            css.Append('.').Append(ClassOf(line.Line)).Append(" { left: ").Append(Mm(line.Box.Left)).Append("mm; top: ").Append(Mm(line.Box.Top))
                .Append("mm; width: ").Append(Mm(line.Box.Width)).Append("mm; height: ").Append(Mm(line.Box.Height))
                .Append("mm; line-height: ").Append(Mm(line.Box.Height)).Append("mm; font-size: ").Append(Mm(line.FontMm)).Append("mm; }\n");
        }

        css.Append(".code { font-family: ").Append(CodeFonts).Append("; font-weight: 700; letter-spacing: 0; }\n")
            .Append(".name { font-weight: 700; }\n");
        for (var i = 0; i < layout.LabelsPerPage; i++)
        {
            var cell = layout.Cell(i);
            css.Append(".c").Append(i).Append(" { left: ").Append(Mm(cell.Left)).Append("mm; top: ").Append(Mm(cell.Top)).Append("mm; }\n");
        }

        css.Append("@media screen {\n")
            .Append("  body { background: #d9d9d9; }\n")
            .Append("  .toolbar { max-width: 200mm; margin: 4mm auto; padding: 3mm 5mm; background: #fff; border-radius: 2mm; font-size: 14px; }\n")
            .Append("  .toolbar h1 { font-size: 18px; margin: 0 0 2mm; }\n  .toolbar p { margin: 1mm 0; }\n")
            .Append("  .toolbar button { font-size: 16px; padding: 2mm 8mm; margin-top: 2mm; }\n")
            .Append("  .sheet { margin: 6mm auto; box-shadow: 0 0.5mm 3mm rgba(0, 0, 0, 0.3); }\n")
            .Append("  .label { outline: 0.2mm dashed #bbb; outline-offset: -0.1mm; }\n}\n")
            .Append("@media print {\n  .toolbar { display: none; }\n}\n");
        return css.ToString();
    }

    /// <summary>The symbol as one path of unit rectangles (runs of dark modules merged), in module units.</summary>
    private static void AppendQr(StringBuilder html, QrSymbol symbol)
    {
        html.Append("<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(symbol.Size).Append(' ').Append(symbol.Size)
            .Append("\" shape-rendering=\"crispEdges\" role=\"img\"><rect width=\"").Append(symbol.Size).Append("\" height=\"").Append(symbol.Size)
            .Append("\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
        for (var row = 0; row < symbol.Size; row++)
        {
            foreach (var run in symbol.DarkRuns(row))
            {
                html.Append('M').Append(run.Start).Append(' ').Append(row).Append('h').Append(run.Length).Append("v1h-").Append(run.Length).Append('z');
            }
        }

        html.Append("\"/></svg>");
    }

    private static string ClassOf(LabelLine line) => line switch
    {
        LabelLine.Code => "code",
        LabelLine.Name => "name",
        LabelLine.Category => "category",
        LabelLine.Quantity => "quantity",
        LabelLine.Donor => "donor",
        _ => "date",
    };

    private static string Mm(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal)
            .Replace("'", "&#39;", StringComparison.Ordinal);
    }
}
