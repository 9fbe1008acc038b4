using GaLaAid.Api.Labels;
using PdfSharp.Pdf.IO;

namespace GaLaAid.Api.Tests.Labels;

/// <summary>
/// The PDF sheet as a printer gets it: opened with PDFsharp's reader for its page geometry, and
/// rendered by poppler's pdftoppm at 300 dpi to read every QR code back and measure where it
/// landed. On a machine without pdftoppm or a Chinese font these tests are skipped, not passed.
/// </summary>
public sealed class PrintPdfTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const int Dpi = 300;

    private readonly PrintSheets sheets = new(app);

    public static TheoryData<string, double, double, int> Layouts() => new()
    {
        { "a4-3x8", 595.28, 841.89, 24 },
        { "a4-2x5", 595.28, 841.89, 10 },
        { "thermal-50x30", 141.73, 85.04, 1 },
    };

    [SkippableTheory]
    [MemberData(nameof(Layouts))]
    public async Task A_full_sheet_has_the_layouts_page_size_and_every_label_decodes_to_its_handover_page_exactly_where_the_layout_puts_it(
        string layoutName, double widthPt, double heightPt, int perPage)
    {
        Skip.IfNot(sheets.HasCjkFont, "No Chinese TrueType font on this machine (apt-get install fonts-wqy-microhei).");
        Skip.If(PrintSheets.Pdftoppm is null, "pdftoppm is not installed (apt-get install poppler-utils).");
        var layout = PrintLayouts.Find(layoutName)!;
        var donation = await sheets.TelevisionsAsync(perPage);

        var pdf = await sheets.PdfAsync($"donationId={donation.Id}&layout={layoutName}&preview=true");

        using (var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import))
        {
            var page = Assert.Single(document.Pages.Cast<PdfSharp.Pdf.PdfPage>());
            Assert.Equal(0, page.MediaBox.X1, 0.01);
            Assert.Equal(0, page.MediaBox.Y1, 0.01);
            Assert.Equal(widthPt, page.MediaBox.Width, 0.01);
            Assert.Equal(heightPt, page.MediaBox.Height, 0.01);
        }

        var image = Assert.Single(await PrintSheets.RenderAsync(pdf, Dpi));
        Assert.InRange(image.Width, Pixels(layout.PageWidthMm) - 1, Pixels(layout.PageWidthMm) + 1);
        Assert.InRange(image.Height, Pixels(layout.PageHeightMm) - 1, Pixels(layout.PageHeightMm) + 1);
        // Each label decodes, and its dark modules lie within half a millimetre of where the layout puts them on every side.
        sheets.AssertLabelsAt(image, layout, donation.Items.Select(i => i.LabelCode).ToList(), Dpi);
    }

    [SkippableFact]
    public async Task A_sheet_of_more_labels_than_a_page_holds_continues_on_further_pages_and_decodes_to_all_its_codes()
    {
        Skip.IfNot(sheets.HasCjkFont, "No Chinese TrueType font on this machine (apt-get install fonts-wqy-microhei).");
        Skip.If(PrintSheets.Pdftoppm is null, "pdftoppm is not installed (apt-get install poppler-utils).");
        var layout = PrintLayouts.A4TwoByFive;
        var donation = await sheets.TelevisionsAsync(13);

        var pdf = await sheets.PdfAsync($"itemIds={PrintSheets.Ids(donation.Items)}&layout=a4-2x5&preview=true");

        var pages = await PrintSheets.RenderAsync(pdf, 150);
        Assert.Equal(2, pages.Count);
        var decoded = new List<string?>();
        for (var i = 0; i < donation.Items.Count; i++)
        {
            var cell = layout.Cell(i % layout.LabelsPerPage);
            decoded.Add(QrDecoding.DecodeSingle(pages[i / layout.LabelsPerPage].Crop(
                Pixels(cell.Left, 150), Pixels(cell.Top, 150), Pixels(cell.Width, 150), Pixels(cell.Height, 150))));
        }

        Assert.Equal(donation.Items.Select(item => sheets.Urls.HandoverPage(item.LabelCode)), decoded);
        var emptyCell = layout.Cell(3);
        var blank = pages[1].Crop(Pixels(emptyCell.Left, 150), Pixels(emptyCell.Top, 150), Pixels(emptyCell.Width, 150), Pixels(emptyCell.Height, 150));
        Assert.DoesNotContain(blank.Pixels, pixel => pixel < 128);
    }

    [SkippableFact]
    public async Task The_pdf_carries_the_Chinese_text_as_entered_and_its_codes()
    {
        Skip.IfNot(sheets.HasCjkFont, "No Chinese TrueType font on this machine (apt-get install fonts-wqy-microhei).");
        Skip.If(PrintSheets.Pdftotext is null, "pdftotext is not installed (apt-get install poppler-utils).");
        var donation = await sheets.TelevisionsAsync(2, "书桌椅", "尕拉村小学");

        var pdf = await sheets.PdfAsync($"donationId={donation.Id}&preview=true");

        var text = await PrintSheets.TextOfAsync(pdf);
        // pdftotext spaces glyphs as it measures them; compare without white space.
        var compact = new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
        Assert.Equal(2, Count(compact, "书桌椅"));
        Assert.Equal(2, Count(compact, "尕拉村小学"));
        Assert.Equal(2, Count(compact, "电视机"));
        Assert.Equal(2, Count(compact, "1台"));
        Assert.Equal(2, Count(compact, "2026-03-18"));
        Assert.All(donation.Items, item => Assert.Contains(item.LabelCode, compact, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_long_name_is_shortened_with_an_ellipsis_inside_its_cell()
    {
        Skip.IfNot(sheets.HasCjkFont, "No Chinese TrueType font on this machine (apt-get install fonts-wqy-microhei).");
        Skip.If(PrintSheets.Pdftoppm is null, "pdftoppm is not installed (apt-get install poppler-utils).");
        var layout = PrintLayouts.A4ThreeByEight;
        const string longName = "32寸液晶电视（海信HZ32E35A）附遥控器、壁挂支架、电源线和说明书，原包装未拆封";
        var donation = await sheets.TelevisionsAsync(2, longName);

        var pdf = await sheets.PdfAsync($"donationId={donation.Id}&preview=true");

        var text = await PrintSheets.TextOfAsync(pdf);
        Assert.DoesNotContain(longName, text, StringComparison.Ordinal);
        Assert.Contains("32寸液晶电视", text, StringComparison.Ordinal);
        Assert.Contains("…", text, StringComparison.Ordinal);
        // The cell to the right of the first label (the second label) starts with its QR quiet zone: no ink from its neighbour.
        var page = Assert.Single(await PrintSheets.RenderAsync(pdf, Dpi));
        var second = layout.Cell(1);
        var quiet = page.Crop(Pixels(second.Left), Pixels(second.Top), Pixels(layout.QrInCell.Left + 1), Pixels(second.Height));
        Assert.DoesNotContain(quiet.Pixels, pixel => pixel < 128);
    }

    private static int Count(string text, string part) =>
        (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private static int Pixels(double mm, int dpi = Dpi) => PrintSheets.Pixels(mm, dpi);
}
