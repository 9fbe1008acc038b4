using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace GaLaAid.Api.Labels;

/// <summary>
/// The PDF sheet: the same geometry as the HTML sheet, drawn with PDFsharp. The QR symbol is
/// filled rectangles (runs of dark modules merged across rows and columns), the text uses the CJK
/// font found by <see cref="LabelFonts"/>, clipped to its cell and shortened with an ellipsis.
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
            using var graphics = XGraphics.FromPdfPage(page);
            for (var i = first; i < Math.Min(rows.Count, first + layout.LabelsPerPage); i++)
            {
                var row = rows[i];
                var cell = layout.Cell(i - first);
                var state = graphics.Save();
                graphics.IntersectClip(Points(cell));
                DrawQr(graphics, QrSymbol.Encode(urls.HandoverPage(row.Code)), qrBox.Offset(cell.Left, cell.Top));
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
    /// Runs of dark modules along a row, merged with identical runs of the rows below, become one
    /// rectangle each: a version-4 symbol takes about a hundred instead of some eight hundred.
    /// </summary>
    private static void DrawQr(XGraphics graphics, QrSymbol symbol, MmRect box)
    {
        var module = box.Width / symbol.Size * PointsPerMm;
        var left = box.Left * PointsPerMm;
        var top = box.Top * PointsPerMm;
        var rectangles = new List<XRect>(160);
        var open = new Dictionary<(int Start, int End), int>();
        var seen = new HashSet<(int, int)>();
        for (var row = 0; row <= symbol.Size; row++)
        {
            seen.Clear();
            var column = 0;
            while (row < symbol.Size && column < symbol.Size)
            {
                if (!symbol.IsDark(row, column))
                {
                    column++;
                    continue;
                }

                var start = column;
                while (column < symbol.Size && symbol.IsDark(row, column))
                {
                    column++;
                }

                seen.Add((start, column));
                if (!open.ContainsKey((start, column)))
                {
                    open[(start, column)] = row;
                }
            }

            foreach (var run in open.Keys.Where(run => !seen.Contains(run)).ToList())
            {
                var firstRow = open[run];
                rectangles.Add(new XRect(left + (run.Start * module), top + (firstRow * module), (run.End - run.Start) * module, (row - firstRow) * module));
                open.Remove(run);
            }
        }

        graphics.DrawRectangles(XBrushes.Black, rectangles.ToArray());
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
