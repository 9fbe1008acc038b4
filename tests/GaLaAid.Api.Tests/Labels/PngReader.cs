using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using GaLaAid.Api.Labels;

namespace GaLaAid.Api.Tests.Labels;

/// <summary>
/// Reads a non-interlaced PNG into a grey image, checking what a strict decoder checks: the
/// signature, every chunk's CRC, IHDR first and IEND last. Handles every filter type and the
/// greyscale, grey+alpha, RGB and RGBA colour types at 8 bits, and greyscale at 1, 2 and 4 bits.
/// </summary>
public static class PngReader
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static GrayImage Read(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(Signature), "not a PNG signature");
        var position = 8;
        int width = 0, height = 0, bitDepth = 0, colourType = -1;
        using var idat = new MemoryStream();
        var chunkTypes = new List<string>();
        while (position < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(position));
            var type = png.AsSpan(position + 4, 4);
            var data = png.AsSpan(position + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position + 8 + length));
            var typeName = Encoding.ASCII.GetString(type);
            Assert.True(crc == Crc32(png.AsSpan(position + 4, 4 + length)), $"bad CRC in chunk {typeName}");
            chunkTypes.Add(typeName);
            switch (typeName)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    bitDepth = data[8];
                    colourType = data[9];
                    Assert.Equal(0, data[10]);
                    Assert.Equal(0, data[11]);
                    Assert.Equal(0, data[12]);
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }

            position += 12 + length;
        }

        Assert.Equal("IHDR", chunkTypes[0]);
        Assert.Equal("IEND", chunkTypes[^1]);
        Assert.Equal(png.Length, position);

        var channels = colourType switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => throw new NotSupportedException($"colour type {colourType}") };
        Assert.True(bitDepth == 8 || (colourType == 0 && bitDepth is 1 or 2 or 4), $"bit depth {bitDepth} with colour type {colourType}");
        var bitsPerPixel = channels * bitDepth;
        var stride = ((width * bitsPerPixel) + 7) / 8;
        var bytesPerPixel = Math.Max(1, bitsPerPixel / 8);

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        Assert.Equal(height * (stride + 1), raw.Length);
        var previous = new byte[stride];
        var current = new byte[stride];
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            raw.AsSpan((y * (stride + 1)) + 1, stride).CopyTo(current);
            Unfilter(filter, current, previous, bytesPerPixel);
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = Grey(current, x, bitDepth, colourType);
            }

            (previous, current) = (current, previous);
        }

        return new GrayImage(width, height, pixels);
    }

    /// <summary>Undoes one scanline's filter in place (PNG specification, section 9).</summary>
    public static void Unfilter(byte filter, byte[] line, byte[] previous, int bytesPerPixel)
    {
        for (var i = 0; i < line.Length; i++)
        {
            int left = i >= bytesPerPixel ? line[i - bytesPerPixel] : 0;
            int up = previous[i];
            int upLeft = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0;
            line[i] = filter switch
            {
                0 => line[i],
                1 => (byte)(line[i] + left),
                2 => (byte)(line[i] + up),
                3 => (byte)(line[i] + ((left + up) / 2)),
                4 => (byte)(line[i] + Paeth(left, up, upLeft)),
                _ => throw new InvalidDataException($"unknown PNG filter type {filter}"),
            };
        }
    }

    public static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>An independent CRC-32 (bit by bit, no table), so the encoder's table is checked, not trusted.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static byte Grey(byte[] line, int x, int bitDepth, int colourType)
    {
        if (bitDepth < 8)
        {
            var perByte = 8 / bitDepth;
            var shift = 8 - (bitDepth * ((x % perByte) + 1));
            var value = (line[x / perByte] >> shift) & ((1 << bitDepth) - 1);
            return (byte)(value * 255 / ((1 << bitDepth) - 1));
        }

        return colourType switch
        {
            0 => line[x],
            4 => Over(line[x * 2], line[(x * 2) + 1]),
            2 => Luma(line[x * 3], line[(x * 3) + 1], line[(x * 3) + 2]),
            _ => Over(Luma(line[x * 4], line[(x * 4) + 1], line[(x * 4) + 2]), line[(x * 4) + 3]),
        };
    }

    private static byte Luma(byte r, byte g, byte b) => (byte)(((299 * r) + (587 * g) + (114 * b)) / 1000);

    /// <summary>A pixel composed over white paper.</summary>
    private static byte Over(byte grey, byte alpha) => (byte)(((grey * alpha) + (255 * (255 - alpha))) / 255);
}

/// <summary>Reads the code drawn beneath a PNG label's QR symbol, glyph by glyph, in the label font.</summary>
public static class LabelText
{
    /// <summary>The dark pixels' bounding box of the rows from <paramref name="top"/> down; null when they are all white.</summary>
    public static (int Left, int Top, int Right, int Bottom)? DarkBounds(GrayImage image, int top)
    {
        int left = int.MaxValue, right = -1, first = -1, last = -1;
        for (var y = top; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                if (image[x, y] < 128)
                {
                    left = Math.Min(left, x);
                    right = Math.Max(right, x);
                    first = first < 0 ? y : first;
                    last = y;
                }
            }
        }

        return right < 0 ? null : (left, first, right, last);
    }

    /// <summary>
    /// Reads <paramref name="length"/> glyphs starting at the band's top-left corner, each font pixel
    /// <paramref name="dot"/> image pixels wide, by matching every glyph cell against every glyph of the font.
    /// </summary>
    public static string Read(GrayImage image, int left, int top, int dot, int length)
    {
        var text = new StringBuilder(length);
        for (var index = 0; index < length; index++)
        {
            var glyphLeft = left + (index * LabelGlyphs.Advance * dot);
            var match = LabelGlyphs.Characters.Where(character =>
                    Enumerable.Range(0, LabelGlyphs.GlyphHeight).All(row =>
                        Enumerable.Range(-1, LabelGlyphs.Advance + 1).All(column =>
                        {
                            var expected = column is >= 0 and < LabelGlyphs.GlyphWidth && LabelGlyphs.IsDark(character, column, row);
                            var x = glyphLeft + (column * dot) + (dot / 2);
                            var y = top + (row * dot) + (dot / 2);
                            var dark = x >= 0 && x < image.Width && image[x, y] < 128;
                            return dark == expected;
                        })))
                .ToList();
            text.Append(match.Count == 1 ? match[0] : '?');
        }

        return text.ToString();
    }
}
