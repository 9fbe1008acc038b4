using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace GaLaAid.Api.Tests.Labels;

public sealed class PrintHtmlTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private readonly PrintSheets sheets = new(app);

    [Fact]
    public async Task An_A4_3x8_sheet_has_one_label_per_item_at_most_24_per_page_positioned_in_millimetres()
    {
        var donation = await sheets.TelevisionsAsync(26);

        var html = await sheets.HtmlAsync($"donationId={donation.Id}&preview=true");

        var pages = PrintSheets.Sheets(html);
        Assert.Equal([24, 2], pages.Select(p => p.Count));
        Assert.Equal(donation.Items.Select(i => i.LabelCode), pages.SelectMany(p => p));
        Assert.Contains("<meta charset=\"utf-8\">", html, StringComparison.Ordinal);
        Assert.Contains("@page { size: A4; margin: 0; }", html, StringComparison.Ordinal);
        Assert.Contains(".sheet { position: relative; box-sizing: border-box; overflow: hidden; background: #fff; width: 210mm; height: 297mm; break-after: page;", html, StringComparison.Ordinal);
        Assert.Contains("break-inside: avoid", html, StringComparison.Ordinal);
        Assert.Contains(".label { position: absolute; overflow: hidden; break-inside: avoid; width: 70mm; height: 37mm; }", html, StringComparison.Ordinal);
        // The corners of the grid: first cell at 0/0.5 mm, last at 140/259.5 mm.
        Assert.Contains(".c0 { left: 0mm; top: 0.5mm; }", html, StringComparison.Ordinal);
        Assert.Contains(".c23 { left: 140mm; top: 259.5mm; }", html, StringComparison.Ordinal);
        Assert.Contains(".qr { position: absolute; display: block; left: 2mm; top: 2mm; width: 33mm; height: 33mm; }", html, StringComparison.Ordinal);
        Assert.Equal(26, Regex.Count(html, "<svg class=\"qr\""));
        Assert.Contains("@media print {\n  .toolbar { display: none; }", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_label_shows_code_name_category_quantity_donor_and_date_with_Chinese_text_as_entered()
    {
        var donation = await sheets.TelevisionsAsync(2, "32寸液晶电视 <海信> & 遥控器", "尕拉村“爱心”小组");

        var html = await sheets.HtmlAsync($"donationId={donation.Id}&preview=true");

        foreach (var item in donation.Items)
        {
            var label = Regex.Match(html, $"<div class=\"label c\\d+\" data-code=\"{item.LabelCode}\">(.*?)</div>\n").Groups[1].Value;
            Assert.Contains($"<div class=\"t code\">{item.LabelCode}</div>", label, StringComparison.Ordinal);
            Assert.Contains("<div class=\"t name\">32寸液晶电视 &lt;海信&gt; &amp; 遥控器</div>", label, StringComparison.Ordinal);
            Assert.Contains("<div class=\"t category\">电视机</div>", label, StringComparison.Ordinal);
            Assert.Contains("<div class=\"t quantity\">1 台</div>", label, StringComparison.Ordinal);
            Assert.Contains("<div class=\"t donor\">尕拉村“爱心”小组</div>", label, StringComparison.Ordinal);
            Assert.Contains("<div class=\"t date\">2026-03-18</div>", label, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_QR_in_the_page_is_the_labels_symbol_and_decodes_to_its_handover_page()
    {
        var donation = await sheets.TelevisionsAsync(1);

        var html = await sheets.HtmlAsync($"codes={donation.Items[0].LabelCode}&preview=true");

        var svg = Regex.Match(html, "<svg class=\"qr\"[^>]*viewBox=\"0 0 (\\d+) \\d+\"[^>]*>.*?<path fill=\"#000\" d=\"([^\"]+)\"/></svg>");
        Assert.True(svg.Success);
        var size = int.Parse(svg.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        const int scale = 4;
        var pixels = Enumerable.Repeat((byte)255, size * size * scale * scale).ToArray();
        foreach (Match run in Regex.Matches(svg.Groups[2].Value, "M(\\d+) (\\d+)h(\\d+)v1h-\\3z"))
        {
            var (x, y, length) = (int.Parse(run.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(run.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(run.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
            for (var py = y * scale; py < (y + 1) * scale; py++)
            {
                Array.Fill(pixels, (byte)0, (py * size * scale) + (x * scale), length * scale);
            }
        }

        var symbol = Api.Labels.QrSymbol.Encode(sheets.Urls.HandoverPage(donation.Items[0].LabelCode));
        Assert.Equal(symbol.Size, size);
        Assert.Equal(sheets.Urls.HandoverPage(donation.Items[0].LabelCode), QrDecoding.DecodeSingle(new GrayImage(size * scale, size * scale, pixels)));
    }

    [Fact]
    public async Task The_page_is_self_contained_and_its_CSP_admits_exactly_its_own_style_and_script()
    {
        var donation = await sheets.TelevisionsAsync(1);

        using var response = await sheets.GetAsync($"/labels/print?donationId={donation.Id}&preview=true");
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.DoesNotMatch("<link|<img|<iframe|@import|url\\(", html);
        Assert.DoesNotMatch(" on[a-z]+=|style=\"|javascript:", html);
        Assert.Single(Regex.Matches(html, "<script"));
        Assert.Contains("<script src=\"/labels/print.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.Contains("<button id=\"print\" type=\"button\">", html, StringComparison.Ordinal);
        var style = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)));
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains($"style-src 'sha256-{hash}'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());

        using var script = await sheets.GetAsync("/labels/print.js", apiKey: null);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("window.print()", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a4-2x5", 10, "@page { size: A4; margin: 0; }", ".label { position: absolute; overflow: hidden; break-inside: avoid; width: 99.1mm; height: 57mm; }")]
    [InlineData("thermal-50x30", 1, "@page { size: 50mm 30mm; margin: 0; }", ".sheet { position: relative; box-sizing: border-box; overflow: hidden; background: #fff; width: 50mm; height: 30mm;")]
    public async Task Other_layouts_put_at_most_their_number_of_labels_on_a_page(string layout, int perPage, string page, string geometry)
    {
        var donation = await sheets.TelevisionsAsync(12);

        var html = await sheets.HtmlAsync($"itemIds={PrintSheets.Ids(donation.Items)}&layout={layout}&preview=true");

        var pages = PrintSheets.Sheets(html);
        Assert.Equal((12 + perPage - 1) / perPage, pages.Count);
        Assert.All(pages, p => Assert.InRange(p.Count, 1, perPage));
        Assert.Equal(donation.Items.Select(i => i.LabelCode), pages.SelectMany(p => p));
        Assert.Contains(page, html, StringComparison.Ordinal);
        Assert.Contains(geometry, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Items_and_codes_print_in_the_order_given_once_each()
    {
        var donation = await sheets.TelevisionsAsync(3);
        var (a, b, c) = (donation.Items[0], donation.Items[1], donation.Items[2]);

        var byIds = PrintSheets.Sheets(await sheets.HtmlAsync($"itemIds={c.Id},{a.Id},{c.Id}&preview=true"));
        var byCodes = PrintSheets.Sheets(await sheets.HtmlAsync($"codes={b.LabelCode.ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal)},{a.LabelCode}&preview=true"));

        Assert.Equal([c.LabelCode, a.LabelCode], Assert.Single(byIds));
        Assert.Equal([b.LabelCode, a.LabelCode], Assert.Single(byCodes));
    }

    [Fact]
    public async Task The_page_speaks_Chinese_by_default_and_English_when_the_browser_asks()
    {
        var donation = await sheets.TelevisionsAsync(2);
        var query = $"donationId={donation.Id}&preview=true";

        var chinese = await sheets.HtmlAsync(query);
        var english = await sheets.HtmlAsync(query, h => h.AcceptLanguage.ParseAdd("en-GB,en;q=0.9,zh-CN;q=0.5"));
        var preferChinese = await sheets.HtmlAsync(query, h => h.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9,en;q=0.8"));
        var overridden = await sheets.HtmlAsync(query + "&lang=en", h => h.AcceptLanguage.ParseAdd("zh-CN"));

        Assert.Contains("<html lang=\"zh-CN\">", chinese, StringComparison.Ordinal);
        Assert.Contains("<button id=\"print\" type=\"button\">打印</button>", chinese, StringComparison.Ordinal);
        Assert.Contains("共 2 个标签，1 页", chinese, StringComparison.Ordinal);
        Assert.Contains("预览：本次不记入打印记录。", chinese, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"zh-CN\">", preferChinese, StringComparison.Ordinal);
        foreach (var page in new[] { english, overridden })
        {
            Assert.Contains("<html lang=\"en\">", page, StringComparison.Ordinal);
            Assert.Contains("<button id=\"print\" type=\"button\">Print</button>", page, StringComparison.Ordinal);
            Assert.Contains("2 labels on 1 page", page, StringComparison.Ordinal);
            Assert.Contains("Preview: this is not recorded in the print history.", page, StringComparison.Ordinal);
            // Item text stays as entered, whatever the page's language.
            Assert.Contains(PrintSheets.TvDescription, page, StringComparison.Ordinal);
            Assert.Contains(PrintSheets.DonorName, page, StringComparison.Ordinal);
            Assert.DoesNotContain("打印", page, StringComparison.Ordinal);
        }
    }
}
