using GaLaAid.Api.Labels;

namespace GaLaAid.Api.Tests.Labels;

/// <summary>
/// The HTML sheet printed by a real browser (headless Chromium, 100 %, no margins): one PDF page
/// per sheet, nothing cut across pages, and every QR readable where the layout puts it. Skipped
/// on a machine without Chromium or pdftoppm.
/// </summary>
public sealed class PrintChromiumTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const int Dpi = 200;

    private readonly PrintSheets sheets = new(app);

    [SkippableTheory]
    [InlineData("a4-3x8", 26)]
    [InlineData("a4-2x5", 12)]
    [InlineData("thermal-50x30", 2)]
    public async Task Chromium_prints_one_page_per_sheet_with_every_label_where_the_layout_puts_it(string layoutName, int count)
    {
        Skip.If(PrintSheets.Chromium is null, "Chromium is not installed (apt-get install chromium).");
        Skip.If(PrintSheets.Pdftoppm is null, "pdftoppm is not installed (apt-get install poppler-utils).");
        var layout = PrintLayouts.Find(layoutName)!;
        var donation = await sheets.TelevisionsAsync(count);
        var html = await sheets.HtmlAsync($"donationId={donation.Id}&layout={layoutName}&preview=true");
        var expected = PrintSheets.Sheets(html);

        var pages = await PrintSheets.RenderAsync(await PrintSheets.PrintWithChromiumAsync(html), Dpi);

        Assert.Equal(expected.Count, pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            // Chromium rounds the page to its own units: within half a millimetre of the layout's.
            Assert.InRange(pages[i].Width * 25.4 / Dpi, layout.PageWidthMm - 0.5, layout.PageWidthMm + 0.5);
            Assert.InRange(pages[i].Height * 25.4 / Dpi, layout.PageHeightMm - 0.5, layout.PageHeightMm + 0.5);
            sheets.AssertLabelsAt(pages[i], layout, expected[i], Dpi);
        }
    }
}
