using QRCoder;

namespace GaLaAid.Api.Labels;

/// <summary>
/// The QR symbol of a label as a square of dark (true) and light modules, quiet zone included.
/// Level Q restores up to a quarter of the symbol, enough for a label scuffed in a sack or a truck.
/// Every label renderer (PNG, SVG, HTML sheet, PDF sheet) draws from this one matrix.
/// </summary>
public sealed class QrSymbol
{
    /// <summary>Light modules around the symbol, as the QR standard requires.</summary>
    public const int QuietZone = 4;

    private readonly bool[,] modules;
    private readonly ModuleRun[][] runs;

    private QrSymbol(bool[,] modules)
    {
        this.modules = modules;
        runs = new ModuleRun[modules.GetLength(0)][];
        for (var row = 0; row < runs.Length; row++)
        {
            runs[row] = FindRuns(modules, row);
        }
    }

    /// <summary>Modules per side, quiet zone included.</summary>
    public int Size => modules.GetLength(0);

    public bool IsDark(int row, int column) => modules[row, column];

    /// <summary>
    /// The unbroken runs of dark modules in one row, left to right. Renderers draw a run as one
    /// rectangle rather than a square per module: smaller files, faster drawing.
    /// </summary>
    public IReadOnlyList<ModuleRun> DarkRuns(int row) => runs[row];

    private static ModuleRun[] FindRuns(bool[,] modules, int row)
    {
        var size = modules.GetLength(1);
        var found = new List<ModuleRun>();
        var column = 0;
        while (column < size)
        {
            if (!modules[row, column])
            {
                column++;
                continue;
            }

            var start = column;
            while (column < size && modules[row, column])
            {
                column++;
            }

            found.Add(new ModuleRun(start, column - start));
        }

        return [.. found];
    }

    public static QrSymbol Encode(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.Q);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var modules = new bool[size, size];
        for (var row = 0; row < size; row++)
        {
            for (var column = 0; column < size; column++)
            {
                modules[row, column] = matrix[row][column];
            }
        }

        return new QrSymbol(modules);
    }
}

/// <summary>Dark modules <see cref="Start"/> … <see cref="End"/> − 1 of one row of a QR symbol.</summary>
public readonly record struct ModuleRun(int Start, int Length)
{
    public int End => Start + Length;
}
