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

    private QrSymbol(bool[,] modules) => this.modules = modules;

    /// <summary>Modules per side, quiet zone included.</summary>
    public int Size => modules.GetLength(0);

    public bool IsDark(int row, int column) => modules[row, column];

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
