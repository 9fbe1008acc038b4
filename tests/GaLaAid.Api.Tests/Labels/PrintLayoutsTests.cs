using GaLaAid.Api.Labels;

namespace GaLaAid.Api.Tests.Labels;

public sealed class PrintLayoutsTests
{
    public static TheoryData<string> Names() => new(PrintLayouts.All.Select(l => l.Name));

    [Fact]
    public void The_A4_3x8_sheet_is_24_cells_of_70_by_37_mm_edge_to_edge_with_half_a_millimetre_top_and_bottom()
    {
        var layout = PrintLayouts.Find("A4-3X8")!;

        Assert.Same(PrintLayouts.A4ThreeByEight, layout);
        Assert.Equal(24, layout.LabelsPerPage);
        Assert.Equal(new MmRect(0, 0.5, 70, 37), layout.Cell(0));
        Assert.Equal(new MmRect(70, 0.5, 70, 37), layout.Cell(1));
        Assert.Equal(new MmRect(140, 259.5, 70, 37), layout.Cell(23));
        Assert.Equal(0.5, layout.PageHeightMm - layout.Cell(23).Bottom, 9);
        Assert.Equal(210, layout.Cell(23).Right, 9);
    }

    [Fact]
    public void The_A4_2x5_sheet_has_the_10_up_99_1_by_57_mm_geometry()
    {
        var layout = PrintLayouts.A4TwoByFive;

        Assert.Equal(new MmRect(4.65, 6, 99.1, 57), layout.Cell(0));
        Assert.Equal(new MmRect(106.25, 6, 99.1, 57), layout.Cell(1));
        Assert.Equal(4.65, layout.PageWidthMm - layout.Cell(9).Right, 9);
        Assert.Equal(6, layout.PageHeightMm - layout.Cell(9).Bottom, 9);
        Assert.Equal(2.5, layout.Cell(1).Left - layout.Cell(0).Right, 9);
    }

    [Fact]
    public void The_thermal_roll_is_one_50_by_30_mm_label_per_page()
    {
        var layout = PrintLayouts.ThermalFiftyByThirty;

        Assert.Equal(1, layout.LabelsPerPage);
        Assert.Equal(new MmRect(0, 0, 50, 30), layout.Cell(0));
        Assert.Equal((50.0, 30.0), (layout.PageWidthMm, layout.PageHeightMm));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Cells_lie_on_the_page_without_overlapping_and_QR_and_text_lie_inside_their_cell_without_overlapping(string name)
    {
        var layout = PrintLayouts.Find(name)!;
        var cells = Enumerable.Range(0, layout.LabelsPerPage).Select(layout.Cell).ToList();

        Assert.All(cells, cell => Assert.True(cell.Left >= 0 && cell.Top >= 0 && cell.Right <= layout.PageWidthMm + 1e-9 && cell.Bottom <= layout.PageHeightMm + 1e-9, $"{cell} leaves the page"));
        for (var i = 0; i < cells.Count; i++)
        {
            for (var j = i + 1; j < cells.Count; j++)
            {
                Assert.False(Overlap(cells[i], cells[j]), $"cells {i} and {j} overlap");
            }
        }

        var inner = new MmRect(0, 0, layout.LabelWidthMm, layout.LabelHeightMm);
        var qr = layout.QrInCell;
        Assert.True(Inside(qr, inner));
        Assert.Equal(qr.Left, qr.Top, 9);
        var lines = layout.TextLines;
        Assert.Equal(Enum.GetValues<LabelLine>(), lines.Select(l => l.Line));
        Assert.All(lines, line =>
        {
            Assert.True(Inside(line.Box, inner), $"{line.Line} leaves the cell");
            Assert.False(Overlap(line.Box, qr), $"{line.Line} overlaps the QR square");
            Assert.True(line.FontMm < line.Box.Height);
        });
        Assert.All(lines.Zip(lines.Skip(1)), pair => Assert.True(pair.First.Box.Bottom <= pair.Second.Box.Top + 1e-9));
        // A label code (12 characters) fits its line in a monospace font (advance about 0.6 em).
        var code = lines[0];
        Assert.True(12 * 0.6 * code.FontMm <= code.Box.Width, $"{name}: the code does not fit");
    }

    [Fact]
    public void The_dark_modules_sit_inside_the_QR_square_by_the_quiet_zone()
    {
        var layout = PrintLayouts.A4ThreeByEight;

        var dark = layout.DarkModulesInCell(41);

        var module = 33.0 / 41;
        Assert.Equal(2 + (4 * module), dark.Left, 9);
        Assert.Equal(2 + (4 * module), dark.Top, 9);
        Assert.Equal(33 * module, dark.Width, 9);
    }

    [Fact]
    public void Unknown_layouts_are_not_found()
    {
        Assert.Null(PrintLayouts.Find("a4-4x10"));
        Assert.Null(PrintLayouts.Find(null));
    }

    private static bool Overlap(MmRect a, MmRect b) =>
        a.Left < b.Right - 1e-9 && b.Left < a.Right - 1e-9 && a.Top < b.Bottom - 1e-9 && b.Top < a.Bottom - 1e-9;

    private static bool Inside(MmRect a, MmRect outer) =>
        a.Left >= outer.Left - 1e-9 && a.Top >= outer.Top - 1e-9 && a.Right <= outer.Right + 1e-9 && a.Bottom <= outer.Bottom + 1e-9;
}
