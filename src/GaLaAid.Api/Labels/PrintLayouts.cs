namespace GaLaAid.Api.Labels;

/// <summary>A rectangle in millimetres, from the top left corner of whatever contains it.</summary>
public readonly record struct MmRect(double Left, double Top, double Width, double Height)
{
    public double Right => Left + Width;

    public double Bottom => Top + Height;

    public MmRect Offset(double left, double top) => this with { Left = Left + left, Top = Top + top };
}

/// <summary>What one text line of a label shows, top to bottom.</summary>
public enum LabelLine
{
    Code,
    Name,
    Category,
    Quantity,
    Donor,
    Date,
}

/// <summary>One text line of a label: its box within the cell and its font size (the em), in mm.</summary>
public sealed record LabelTextLine(LabelLine Line, MmRect Box, double FontMm);

/// <summary>
/// A sheet of labels in exact millimetres: the page, the grid of cells on it, and where the QR
/// square and the text lines sit inside every cell. The HTML and the PDF sheet both draw from this
/// one geometry, and the tests measure rendered pages against it.
/// </summary>
public sealed record PrintLayout
{
    public required string Name { get; init; }

    public required double PageWidthMm { get; init; }
    public required double PageHeightMm { get; init; }
    public required int Columns { get; init; }
    public required int Rows { get; init; }
    public required double LabelWidthMm { get; init; }
    public required double LabelHeightMm { get; init; }

    /// <summary>From the page's left edge to the first column's left edge.</summary>
    public required double LeftMarginMm { get; init; }

    /// <summary>From the page's top edge to the first row's top edge.</summary>
    public required double TopMarginMm { get; init; }

    /// <summary>From one column's left edge to the next one's (label width plus the gap).</summary>
    public required double ColumnPitchMm { get; init; }

    /// <summary>From one row's top edge to the next one's.</summary>
    public required double RowPitchMm { get; init; }

    /// <summary>The side of the QR square, quiet zone included; it is centred vertically and sits as far from the cell's left edge as from its top.</summary>
    public required double QrSideMm { get; init; }

    public required double CodeFontMm { get; init; }
    public required double NameFontMm { get; init; }
    public required double DetailFontMm { get; init; }

    /// <summary>Space between the text and the cell's right edge.</summary>
    public required double TextRightPaddingMm { get; init; }

    public int LabelsPerPage => Columns * Rows;

    /// <summary>The cell of the label at this position on its page (0 = top left, then along the row).</summary>
    public MmRect Cell(int indexOnPage) => new(
        LeftMarginMm + (indexOnPage % Columns * ColumnPitchMm),
        TopMarginMm + (indexOnPage / Columns * RowPitchMm),
        LabelWidthMm,
        LabelHeightMm);

    /// <summary>The QR square within a cell, quiet zone included.</summary>
    public MmRect QrInCell
    {
        get
        {
            var inset = (LabelHeightMm - QrSideMm) / 2;
            return new MmRect(inset, inset, QrSideMm, QrSideMm);
        }
    }

    /// <summary>
    /// The dark part of a QR symbol of <paramref name="modules"/> modules a side (quiet zone
    /// included) drawn into the QR square: where a reader finds the finder patterns.
    /// </summary>
    public MmRect DarkModulesInCell(int modules)
    {
        var qr = QrInCell;
        var module = qr.Width / modules;
        var quiet = QrSymbol.QuietZone * module;
        return new MmRect(qr.Left + quiet, qr.Top + quiet, qr.Width - (2 * quiet), qr.Height - (2 * quiet));
    }

    /// <summary>
    /// The text lines to the right of the QR square, top to bottom, as one block centred
    /// vertically. The QR's quiet zone is the gap between symbol and text. Every box lies inside
    /// the cell; the renderers clip and ellipsise to it.
    /// </summary>
    public IReadOnlyList<LabelTextLine> TextLines
    {
        get
        {
            const double lineHeight = 1.3;
            var qr = QrInCell;
            var left = qr.Right;
            var width = LabelWidthMm - TextRightPaddingMm - left;
            var top = (LabelHeightMm - (lineHeight * (CodeFontMm + NameFontMm + (4 * DetailFontMm)))) / 2;
            var lines = new List<LabelTextLine>(6);
            foreach (var (line, font) in new[]
            {
                (LabelLine.Code, CodeFontMm),
                (LabelLine.Name, NameFontMm),
                (LabelLine.Category, DetailFontMm),
                (LabelLine.Quantity, DetailFontMm),
                (LabelLine.Donor, DetailFontMm),
                (LabelLine.Date, DetailFontMm),
            })
            {
                var height = font * lineHeight;
                lines.Add(new LabelTextLine(line, new MmRect(left, top, width, height), font));
                top += height;
            }

            return lines;
        }
    }
}

public static class PrintLayouts
{
    public const string DefaultName = "a4-3x8";

    /// <summary>
    /// A4 3×8: 24 labels of 70×37 mm edge to edge, 0.5 mm left over at the top and at the bottom
    /// (the common "70×37" sheet).
    /// </summary>
    public static readonly PrintLayout A4ThreeByEight = new()
    {
        Name = DefaultName,
        PageWidthMm = 210,
        PageHeightMm = 297,
        Columns = 3,
        Rows = 8,
        LabelWidthMm = 70,
        LabelHeightMm = 37,
        LeftMarginMm = 0,
        TopMarginMm = 0.5,
        ColumnPitchMm = 70,
        RowPitchMm = 37,
        QrSideMm = 33,
        CodeFontMm = 4,
        NameFontMm = 3.3,
        DetailFontMm = 2.8,
        TextRightPaddingMm = 2,
    };

    /// <summary>
    /// A4 2×5: 10 labels of 99.1×57 mm as on the common 10-up sheet (Avery L7173 and its
    /// equivalents): 4.65 mm left and right, 6 mm top and bottom, 2.5 mm between the columns.
    /// </summary>
    public static readonly PrintLayout A4TwoByFive = new()
    {
        Name = "a4-2x5",
        PageWidthMm = 210,
        PageHeightMm = 297,
        Columns = 2,
        Rows = 5,
        LabelWidthMm = 99.1,
        LabelHeightMm = 57,
        LeftMarginMm = 4.65,
        TopMarginMm = 6,
        ColumnPitchMm = 101.6,
        RowPitchMm = 57,
        QrSideMm = 47,
        CodeFontMm = 5.2,
        NameFontMm = 4.4,
        DetailFontMm = 3.8,
        TextRightPaddingMm = 3,
    };

    /// <summary>A 50×30 mm thermal roll: one label per page.</summary>
    public static readonly PrintLayout ThermalFiftyByThirty = new()
    {
        Name = "thermal-50x30",
        PageWidthMm = 50,
        PageHeightMm = 30,
        Columns = 1,
        Rows = 1,
        LabelWidthMm = 50,
        LabelHeightMm = 30,
        LeftMarginMm = 0,
        TopMarginMm = 0,
        ColumnPitchMm = 50,
        RowPitchMm = 30,
        QrSideMm = 28,
        CodeFontMm = 2.6,
        NameFontMm = 2.5,
        DetailFontMm = 2.2,
        TextRightPaddingMm = 1,
    };

    public static readonly IReadOnlyList<PrintLayout> All = [A4ThreeByEight, A4TwoByFive, ThermalFiftyByThirty];

    public static PrintLayout? Find(string? name) =>
        All.FirstOrDefault(layout => string.Equals(layout.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
