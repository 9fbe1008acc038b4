using GaLaAid.Api.Labels;

namespace GaLaAid.Api.Tests.Labels;

public sealed class QrSymbolTests
{
    [Fact]
    public void Symbol_has_a_light_quiet_zone_and_dark_finder_corners()
    {
        var symbol = QrSymbol.Encode("http://localhost:5080/h/GL-7K3Q-9XWD");

        // Version 4 at level Q holds this 36-byte URL (version 3 holds 32 bytes): 33 modules plus 4 light ones on each side.
        Assert.Equal(33 + (2 * QrSymbol.QuietZone), symbol.Size);
        for (var i = 0; i < symbol.Size; i++)
        {
            Assert.False(symbol.IsDark(0, i));
            Assert.False(symbol.IsDark(i, 0));
            Assert.False(symbol.IsDark(symbol.Size - 1, i));
            Assert.False(symbol.IsDark(i, symbol.Size - 1));
        }

        var q = QrSymbol.QuietZone;
        Assert.True(symbol.IsDark(q, q));
        Assert.True(symbol.IsDark(q, symbol.Size - q - 1));
        Assert.True(symbol.IsDark(symbol.Size - q - 1, q));
        Assert.False(symbol.IsDark(q + 1, q + 1));
        Assert.True(symbol.IsDark(q + 3, q + 3));
    }

    [Theory]
    [InlineData("http://localhost:5080/h/GL-7K3Q-9XWD")]
    [InlineData("https://galaaid.example.org/h/GL-0000-0000")]
    public void Symbol_decodes_back_to_its_text(string text)
    {
        var symbol = QrSymbol.Encode(text);
        const int scale = 4;
        var side = symbol.Size * scale;
        var pixels = new byte[side * side];
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                pixels[(y * side) + x] = symbol.IsDark(y / scale, x / scale) ? (byte)0 : (byte)255;
            }
        }

        Assert.Equal(text, QrDecoding.DecodeSingle(new GrayImage(side, side, pixels)));
    }

    [Fact]
    public void Dark_runs_cover_exactly_the_dark_modules_of_each_row()
    {
        var symbol = QrSymbol.Encode("http://localhost:5080/h/GL-7K3Q-9XWD");

        for (var row = 0; row < symbol.Size; row++)
        {
            var fromRuns = new bool[symbol.Size];
            var previousEnd = -1;
            foreach (var run in symbol.DarkRuns(row))
            {
                // Runs are maximal and in order: a light module separates each from the next.
                Assert.True(run.Start > previousEnd, $"row {row}: runs overlap or touch");
                Assert.True(run.Length > 0);
                for (var column = run.Start; column < run.End; column++)
                {
                    fromRuns[column] = true;
                }

                previousEnd = run.End;
            }

            for (var column = 0; column < symbol.Size; column++)
            {
                Assert.Equal(symbol.IsDark(row, column), fromRuns[column]);
            }
        }
    }
}
