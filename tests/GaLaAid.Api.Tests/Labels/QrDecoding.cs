using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace GaLaAid.Api.Tests.Labels;

/// <summary>A grey image, one byte per pixel (0 black, 255 white), row by row.</summary>
public sealed record GrayImage(int Width, int Height, byte[] Pixels)
{
    public byte this[int x, int y] => Pixels[(y * Width) + x];

    /// <summary>The part of this image inside the rectangle, e.g. one label of a rendered sheet.</summary>
    public GrayImage Crop(int left, int top, int width, int height)
    {
        left = Math.Clamp(left, 0, Width);
        top = Math.Clamp(top, 0, Height);
        width = Math.Min(width, Width - left);
        height = Math.Min(height, Height - top);
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            Array.Copy(Pixels, ((top + y) * Width) + left, pixels, y * width, width);
        }

        return new GrayImage(width, height, pixels);
    }

    /// <summary>Reads a binary PGM (P5, 8-bit) file, as <c>pdftoppm -gray</c> writes it.</summary>
    public static GrayImage FromPgm(byte[] file)
    {
        var position = 0;
        string NextToken()
        {
            while (position < file.Length && (char.IsWhiteSpace((char)file[position]) || file[position] == '#'))
            {
                if (file[position] == '#')
                {
                    while (position < file.Length && file[position] != '\n')
                    {
                        position++;
                    }
                }
                else
                {
                    position++;
                }
            }

            var start = position;
            while (position < file.Length && !char.IsWhiteSpace((char)file[position]))
            {
                position++;
            }

            return System.Text.Encoding.ASCII.GetString(file, start, position - start);
        }

        Assert.Equal("P5", NextToken());
        var width = int.Parse(NextToken(), System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(NextToken(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("255", NextToken());
        position++;
        return new GrayImage(width, height, file[position..(position + (width * height))]);
    }
}

/// <summary>Decodes QR codes from raw pixels with ZXing.Net, as a phone camera app would.</summary>
public static class QrDecoding
{
    /// <summary>
    /// The text of the one QR code in the image, or null. ZXing 0.16 now and then takes a cluster
    /// of data modules for a finder pattern in an upright symbol; a phone simply tries the next
    /// frame, so the reader here tries the other three rotations before giving up.
    /// </summary>
    public static string? DecodeSingle(GrayImage image)
    {
        var reader = new QRCodeReader();
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
        var source = (LuminanceSource)new RGBLuminanceSource(image.Pixels, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        for (var turn = 0; turn < 4; turn++)
        {
            var result = reader.decode(new BinaryBitmap(new HybridBinarizer(source)), hints);
            if (result is not null)
            {
                return result.Text;
            }

            source = source.rotateCounterClockwise();
        }

        return null;
    }
}
