using System.Globalization;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace GaLaAid.Api.Labels;

/// <summary>
/// The PDF sheet: the same geometry as the HTML sheet, made with PDFsharp. The QR symbol is
/// filled rectangles (runs of dark modules merged with identical runs of the rows below), the text
/// uses the CJK font found by <see cref="LabelFonts"/>, clipped to its cell and shortened with an ellipsis.
/// </summary>
public static class PdfLabelSheet
{
    private const double PointsPerMm = 72 / 25.4;
    private const string Ellipsis = "…";

    public static byte[] Render(IReadOnlyList<LabelRow> rows, PrintLayout layout, LabelUrls urls, LabelFont font)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rows.Count);
        var family = font.Family ?? throw new InvalidOperationException("No font for PDF labels.");
        using var document = new PdfDocument();
        document.Info.Title = "GaLaAid labels";
        document.Info.Creator = "GaLaAid";
        document.Options.CompressContentStreams = true;
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        var lines = layout.TextLines;
        var fonts = lines.ToDictionary(
            l => l.Line,
            l => new XFont(family, l.FontMm * PointsPerMm, XFontStyleEx.Regular, options));
        var qrBox = layout.QrInCell;
        for (var first = 0; first < rows.Count; first += layout.LabelsPerPage)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromMillimeter(layout.PageWidthMm);
            page.Height = XUnit.FromMillimeter(layout.PageHeightMm);
            var onPage = Math.Min(rows.Count - first, layout.LabelsPerPage);
            AppendQrContent(
                page,
                Enumerable.Range(first, onPage)
                    .Select(i => (QrSymbol.Encode(urls.HandoverPage(rows[i].Code)), qrBox.Offset(layout.Cell(i - first).Left, layout.Cell(i - first).Top)))
                    .ToList(),
                layout.PageHeightMm);
            using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            for (var i = first; i < first + onPage; i++)
            {
                var row = rows[i];
                var cell = layout.Cell(i - first);
                var state = graphics.Save();
                graphics.IntersectClip(Points(cell));
                foreach (var line in lines)
                {
                    var box = Points(line.Box.Offset(cell.Left, cell.Top));
                    var text = HtmlLabelSheet.TextOf(row, line.Line);
                    if (line.Line == LabelLine.Code)
                    {
                        DrawMonospaced(graphics, text, fonts[line.Line], box);
                    }
                    else
                    {
                        graphics.DrawString(Fit(graphics, text, fonts[line.Line], box.Width), fonts[line.Line], XBrushes.Black, box, XStringFormats.CenterLeft);
                    }
                }

                graphics.Restore(state);
            }
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    /// <summary>
    /// The page's QR symbols as one content stream of filled rectangles, written directly: each
    /// symbol in its own module grid (one <c>cm</c>), each rectangle in whole modules, runs of dark
    /// modules merged with identical runs of the rows below. PDFsharp's drawing API formats every
    /// coordinate as a transformed double, which made a 1,000-label sheet several times slower than
    /// encoding its QR codes; this way drawing costs a fraction of encoding.
    /// </summary>
    private static void AppendQrContent(PdfPage page, List<(QrSymbol Symbol, MmRect Box)> symbols, double pageHeightMm)
    {
        var content = new ContentWriter(symbols.Count * 3000);
        content.Append("q 0 g\n");
        var open = new List<(int Start, int End, int FirstRow)>(64);
        var next = new List<(int Start, int End, int FirstRow)>(64);
        foreach (var (symbol, box) in symbols)
        {
            var module = box.Width / symbol.Size * PointsPerMm;
            content.Append(string.Create(CultureInfo.InvariantCulture,
                $"q {module:0.#####} 0 0 {-module:0.#####} {box.Left * PointsPerMm:0.#####} {(pageHeightMm - box.Top) * PointsPerMm:0.#####} cm\n"));
            open.Clear();
            for (var row = 0; row <= symbol.Size; row++)
            {
                next.Clear();
                var cursor = 0;
                foreach (var run in row < symbol.Size ? symbol.DarkRuns(row) : [])
                {
                    var (start, column) = (run.Start, run.End);

                    // Both lists are ordered by start: runs of the rows above that start before this one have ended.
                    while (cursor < open.Count && open[cursor].Start < start)
                    {
                        Rectangle(content, open[cursor++], row);
                    }

                    if (cursor < open.Count && open[cursor].Start == start && open[cursor].End == column)
                    {
                        next.Add(open[cursor++]);
                    }
                    else
                    {
                        next.Add((start, column, row));
                    }
                }

                while (cursor < open.Count)
                {
                    Rectangle(content, open[cursor++], row);
                }

                (open, next) = (next, open);
            }

            content.Append("f Q\n");
        }

        content.Append("Q\n");
        var stream = page.Contents.AppendContent();
        stream.CreateStream(content.ToArray());
        stream.Compressed = true;
    }

    private static void Rectangle(ContentWriter content, (int Start, int End, int FirstRow) run, int endRow)
    {
        content.Append(run.Start);
        content.Append(run.FirstRow);
        content.Append(run.End - run.Start);
        content.Append(endRow - run.FirstRow);
        content.Append("re\n");
    }

    /// <summary>ASCII content-stream bytes; module counts are small non-negative integers, written digit by digit.</summary>
    private sealed class ContentWriter(int capacity)
    {
        private byte[] buffer = new byte[capacity];
        private int length;

        public void Append(string text)
        {
            Reserve(text.Length);
            length += Encoding.ASCII.GetBytes(text, buffer.AsSpan(length));
        }

        /// <summary>The number and a space.</summary>
        public void Append(int value)
        {
            Reserve(12);
            if (!value.TryFormat(buffer.AsSpan(length), out var written, default, CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException("Content buffer too small.");
            }

            length += written;
            buffer[length++] = (byte)' ';
        }

        public byte[] ToArray() => buffer.AsSpan(0, length).ToArray();

        private void Reserve(int count)
        {
            if (length + count > buffer.Length)
            {
                Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + count));
            }
        }
    }

    /// <summary>The code one character per fixed-width slot, so codes line up like typed text whatever font is at hand.</summary>
    private static void DrawMonospaced(XGraphics graphics, string code, XFont font, XRect box)
    {
        var slot = Math.Min(font.Size * 0.62, box.Width / code.Length);
        for (var i = 0; i < code.Length; i++)
        {
            graphics.DrawString(code[i].ToString(), font, XBrushes.Black, new XRect(box.X + (i * slot), box.Y, slot, box.Height), XStringFormats.Center);
        }
    }

    /// <summary>The text as it is when it fits the width, otherwise its longest beginning that fits with an ellipsis.</summary>
    private static string Fit(XGraphics graphics, string text, XFont font, double width)
    {
        if (graphics.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var starts = StringInfo.ParseCombiningCharacters(text);
        int low = 0, high = starts.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (graphics.MeasureString(text[..starts[middle]] + Ellipsis, font).Width <= width)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low == 0 ? Ellipsis : text[..starts[low]] + Ellipsis;
    }

    private static XRect Points(MmRect rect) =>
        new(rect.Left * PointsPerMm, rect.Top * PointsPerMm, rect.Width * PointsPerMm, rect.Height * PointsPerMm);
}
