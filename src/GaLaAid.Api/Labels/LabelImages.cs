using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace GaLaAid.Api.Labels;

/// <summary>
/// Label images: the QR symbol of a code's handover page with the code as text beneath it, as a
/// PNG (drawn with <see cref="LabelGlyphs"/>) or as an SVG (a monospace &lt;text&gt;). Both keep the
/// symbol's quiet zone clear and put the text below it.
/// </summary>
public static class LabelImages
{
    public const int MinScale = 2;
    public const int MaxScale = 20;
    public const int DefaultScale = 8;

    /// <summary>Changes whenever the drawing changes, so cached images (ETags) are not reused across versions.</summary>
    public const string RendererVersion = "1";

    /// <summary>A 1-bit greyscale PNG: <paramref name="scale"/> pixels per module, the code beneath in bitmap text.</summary>
    public static byte[] Png(QrSymbol symbol, string code, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, MinScale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, MaxScale);
        var qrSide = symbol.Size * scale;
        var textWidth = LabelGlyphs.Width(code);
        // Text as wide as the symbol allows, inset by a module on each side, and at least one pixel per font pixel.
        var dot = Math.Max(1, (qrSide - (2 * scale)) / textWidth);
        var width = Math.Max(qrSide, (textWidth * dot) + (2 * scale));
        var height = qrSide + (LabelGlyphs.GlyphHeight * dot) + (2 * scale);
        var canvas = new BitCanvas(width, height);

        var qrLeft = (width - qrSide) / 2;
        for (var row = 0; row < symbol.Size; row++)
        {
            foreach (var run in symbol.DarkRuns(row))
            {
                canvas.Fill(qrLeft + (run.Start * scale), row * scale, run.Length * scale, scale);
            }
        }

        // Below the whole quiet zone, which a scanner needs clear.
        var textTop = qrSide;
        var textLeft = (width - (textWidth * dot)) / 2;
        for (var index = 0; index < code.Length; index++)
        {
            var glyphLeft = textLeft + (index * LabelGlyphs.Advance * dot);
            for (var row = 0; row < LabelGlyphs.GlyphHeight; row++)
            {
                for (var column = 0; column < LabelGlyphs.GlyphWidth; column++)
                {
                    if (LabelGlyphs.IsDark(code[index], column, row))
                    {
                        canvas.Fill(glyphLeft + (column * dot), textTop + (row * dot), dot, dot);
                    }
                }
            }
        }

        return PngEncoder.EncodeGray1(width, height, canvas.Scanlines);
    }

    /// <summary>
    /// An SVG in module units (the viewBox), sized <paramref name="scale"/> pixels per module: one
    /// rect per horizontal run of dark modules in the group <c>modules</c>, the code beneath as text.
    /// </summary>
    public static string Svg(QrSymbol symbol, string code, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, MinScale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, MaxScale);
        var size = symbol.Size;
        // The text spans the symbol without its quiet zone; monospace glyphs advance about 0.6 em.
        var textLength = size - (2 * QrSymbol.QuietZone);
        var fontSize = Math.Round(textLength / (code.Length * 0.6), 2);
        var baseline = Math.Round(size + (fontSize * 0.75), 2);
        var height = Math.Ceiling(baseline + (QrSymbol.QuietZone / 2.0));
        var svg = new StringBuilder(8192);
        svg.Append(CultureInfo.InvariantCulture, $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="{size * scale}" height="{height * scale}" viewBox="0 0 {size} {height}" role="img" aria-label="Label {code}">
            <rect width="{size}" height="{height}" fill="#fff"/>
            <g id="modules" fill="#000" shape-rendering="crispEdges">

            """);
        for (var row = 0; row < size; row++)
        {
            foreach (var run in symbol.DarkRuns(row))
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{run.Start}\" y=\"{row}\" width=\"{run.Length}\" height=\"1\"/>");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"""

            </g>
            <text x="{size / 2.0}" y="{baseline}" font-family="'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', 'Courier New', monospace" font-size="{fontSize}" font-weight="bold" text-anchor="middle" textLength="{textLength}" lengthAdjust="spacingAndGlyphs" fill="#000">{code}</text>
            </svg>

            """);
        return svg.ToString();
    }

    /// <summary>A white 1-bit image kept as PNG scanlines: a filter byte (0, none) and then 8 pixels per byte, 1 = white.</summary>
    private sealed class BitCanvas
    {
        private readonly int stride;

        public BitCanvas(int width, int height)
        {
            stride = ((width + 7) / 8) + 1;
            Scanlines = new byte[stride * height];
            for (var y = 0; y < height; y++)
            {
                Scanlines.AsSpan((y * stride) + 1, stride - 1).Fill(0xFF);
            }
        }

        public byte[] Scanlines { get; }

        public void Fill(int left, int top, int width, int height)
        {
            for (var y = top; y < top + height; y++)
            {
                var rowStart = (y * stride) + 1;
                for (var x = left; x < left + width; x++)
                {
                    Scanlines[rowStart + (x >> 3)] &= (byte)~(0x80 >> (x & 7));
                }
            }
        }
    }
}

/// <summary>The smallest PNG writer labels need: one greyscale image, zlib-compressed, no ancillary chunks.</summary>
public static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>Encodes 1-bit greyscale <paramref name="scanlines"/>, each already prefixed with its filter byte.</summary>
    public static byte[] EncodeGray1(int width, int height, byte[] scanlines)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(scanlines);
        }

        using var png = new MemoryStream((int)compressed.Length + 64);
        png.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 1; // bit depth
        header[9] = 0; // colour type: greyscale
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method: adaptive (every line uses filter 0)
        header[12] = 0; // no interlace
        WriteChunk(png, "IHDR"u8, header);
        WriteChunk(png, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    /// <summary>The CRC-32 (ISO 3309, as PNG uses it) of <paramref name="data"/>, continuing from <paramref name="crc"/>.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data, uint crc = 0)
    {
        crc = ~crc;
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(type);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(data, Crc32(type)));
        png.Write(number);
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
