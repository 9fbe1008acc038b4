using System.Security.Cryptography;
using System.Text;

namespace GaLaAid.Api.Labels;

/// <summary>
/// Label codes such as <c>GL-7K3Q-9XWD</c>: seven random Crockford base32 symbols and one check
/// symbol. Random, so a code says nothing about any other item; Crockford's alphabet, so it can be
/// read aloud and typed (no I, L, O or U; those letters are read as 1, 1 and 0 when typed).
/// The check symbol is a weighted sum over GF(32) with weights α^(i+1): any single mistyped symbol
/// and any swap of two neighbouring symbols changes it, so such a typing mistake is always caught.
/// </summary>
public static class LabelCode
{
    public const string Prefix = "GL";
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int RandomSymbols = 7;

    // x^5 + x^2 + 1, a primitive polynomial: α = x generates the multiplicative group of GF(32).
    private const int Modulus = 0b100101;

    public static string NewCode()
    {
        Span<byte> values = stackalloc byte[RandomSymbols + 1];
        // One call for all symbols: a donation draws a hundred thousand codes, and each call costs
        // more than the code. 256 is a multiple of 32, so the low five bits of a byte are uniform.
        RandomNumberGenerator.Fill(values[..RandomSymbols]);
        for (var i = 0; i < RandomSymbols; i++)
        {
            values[i] &= 31;
        }

        values[RandomSymbols] = CheckSymbol(values[..RandomSymbols]);
        var builder = new StringBuilder(Prefix.Length + 10);
        builder.Append(Prefix).Append('-');
        for (var i = 0; i < values.Length; i++)
        {
            if (i == 4)
            {
                builder.Append('-');
            }

            builder.Append(Alphabet[values[i]]);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Reads a code as a person may type or a scanner may deliver it: any case, with or without the
    /// GL prefix, dashes or spaces, O for 0 and I or L for 1. Returns the canonical form, or false
    /// when the text is not a code or its check symbol does not match (a typing mistake).
    /// </summary>
    public static bool TryNormalize(string? text, out string canonical)
    {
        canonical = string.Empty;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return false;
        }

        var compact = new StringBuilder(Prefix.Length + RandomSymbols + 1);
        foreach (var ch in text.Trim().ToUpperInvariant())
        {
            if (ch is not ('-' or ' '))
            {
                compact.Append(ch);
            }
        }

        var body = compact.ToString();
        if (body.Length == Prefix.Length + RandomSymbols + 1 && body.StartsWith(Prefix, StringComparison.Ordinal))
        {
            body = body[Prefix.Length..];
        }

        // Letters a person easily types for digits are read as those digits.
        body = body.Replace('O', '0').Replace('I', '1').Replace('L', '1');
        if (body.Length != RandomSymbols + 1)
        {
            return false;
        }

        Span<byte> values = stackalloc byte[RandomSymbols + 1];
        for (var i = 0; i < body.Length; i++)
        {
            var index = Alphabet.IndexOf(body[i], StringComparison.Ordinal);
            if (index < 0)
            {
                return false;
            }

            values[i] = (byte)index;
        }

        if (CheckSymbol(values[..RandomSymbols]) != values[RandomSymbols])
        {
            return false;
        }

        canonical = $"{Prefix}-{body[..4]}-{body[4..]}";
        return true;
    }

    private static byte CheckSymbol(ReadOnlySpan<byte> values)
    {
        var sum = 0;
        var weight = 1;
        foreach (var value in values)
        {
            weight = Multiply(weight, 2);
            sum ^= Multiply(weight, value);
        }

        return (byte)sum;
    }

    private static int Multiply(int a, int b)
    {
        var product = 0;
        while (b != 0)
        {
            if ((b & 1) != 0)
            {
                product ^= a;
            }

            b >>= 1;
            a <<= 1;
            if ((a & 0b100000) != 0)
            {
                a ^= Modulus;
            }
        }

        return product;
    }
}
