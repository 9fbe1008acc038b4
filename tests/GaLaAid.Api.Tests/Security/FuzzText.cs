using System.Globalization;
using System.Text;

namespace GaLaAid.Api.Tests.Security;

/// <summary>
/// The raw material of hostile requests: nasty strings and numbers, and JSON and GraphQL literals
/// written by hand, so that a generator can also write what a serializer never would (a lone
/// surrogate escape, a control character, a number too large for any type).
/// </summary>
public static class FuzzText
{
    /// <summary>Strings that have broken other services. None of them names a .NET type, so a leak check can tell them from a stack trace.</summary>
    private static readonly string[] Nasty =
    [
        "", " ", "\t", "\n", "\r\n", "\r", "\0", "a\0b", "\u0001\u0002\u001f", "\u007f", "\u0085", "\u2028\u2029",
        "\uFEFF", "\uFEFFadmin", "\u200B", "\u202Egnp.exe", "\uFFFD", "\uFFFF", "\uD800", "\uDC00", "\uDC00\uD800", "a\uD800b",
        "😀", "👨‍👩‍👧‍👦", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "尕拉村", "州委办公室党支部", "才仁多杰", "ཀཁག", "مرحبا", "Ω≈ç√∫",
        "'", "\"", "\\", "\\\\", "\\u0000", "\\ud800", "`", "${x}", "{{x}}", "%s%s%n", "%00", "%ff", "+", "&", "#",
        "' OR '1'='1", "'; DROP TABLE Donors; --", "1; DELETE FROM StockEntries", "\" OR \"\"=\"", "*/ --",
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "../../../../etc/passwd",
        "..\\..\\windows\\win.ini", "file:///etc/passwd", "${jndi:ldap://x/a}", "__proto__", "constructor", "null",
        "undefined", "NaN", "Infinity", "-Infinity", "true", "0", "-0", "1e309", "0x10", "٣", "１２３４５６",
        "GL-7K3Q-9XWD", "gl7k3q9xwd", "GL-0000-0000", "cursor:1", "Donor:1", "Donor:-1", "Donor:99999999999999999999",
        "gla_", "gla_TestAdminKey0123456789abcdefghijklmnop ", "Bearer x", "admin", "ADMIN", "admin\n", "123456\n",
        "2016-03-18", "2016-02-30", "0000-00-00", "9999-12-31", "2016-03-18T00:00:00Z", "2016-13-45T99:99:99Z",
    ];

    public static string NastyString(Random rng)
    {
        var pick = rng.Next(100);
        if (pick < 55)
        {
            return Nasty[rng.Next(Nasty.Length)];
        }

        if (pick < 75)
        {
            return Nasty[rng.Next(Nasty.Length)] + Nasty[rng.Next(Nasty.Length)] + Nasty[rng.Next(Nasty.Length)];
        }

        if (pick < 92)
        {
            return RandomChars(rng, rng.Next(1, 40));
        }

        return new string((char)rng.Next(0x20, 0x7f), rng.Next(100, 5_000));
    }

    /// <summary>Random UTF-16 code units, surrogates and control characters included.</summary>
    public static string RandomChars(Random rng, int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(rng.Next(10) switch
            {
                < 5 => (char)rng.Next(0x20, 0x7f),
                5 => (char)rng.Next(0, 0x20),
                6 => (char)rng.Next(0x4e00, 0x9fff),
                7 => (char)rng.Next(0xd800, 0xe000),
                _ => (char)rng.Next(0x80, 0xd800),
            });
        }

        return text.ToString();
    }

    private static readonly string[] AbsurdNumbers =
    [
        "0", "-0", "1", "-1", "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967296",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "99999999999999999999999999999999",
        "1e309", "-1e309", "1e308", "1E-400", "0.0", "-0.0", "0.5", "1.0", "3.14159", "1e3", "1e10", "1000001",
        "100000000000", "1000000000000", "000", "007", "1.7976931348623157e308", "4.9e-324",
        "123456789012345678901234567890123456789012345678901234567890",
    ];

    /// <summary>A number that is valid JSON and valid GraphQL, but likely out of range or of the wrong kind.</summary>
    public static string AbsurdNumber(Random rng) =>
        rng.Next(10) == 0 ? "1" + new string('0', rng.Next(20, 400)) : AbsurdNumbers[rng.Next(AbsurdNumbers.Length)];

    /// <summary>A JSON string literal; non-ASCII is sometimes escaped, and lone surrogates always are (as JSON allows).</summary>
    public static string Json(string value, bool escapeNonAscii = true)
    {
        var json = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                default:
                    if (c < 0x20 || char.IsSurrogate(c) || (escapeNonAscii && c > 0x7e))
                    {
                        json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        json.Append(c);
                    }

                    break;
            }
        }

        return json.Append('"').ToString();
    }

    /// <summary>A GraphQL string literal holding exactly <paramref name="value"/> (control characters and surrogates escaped).</summary>
    public static string GraphQL(string value)
    {
        var literal = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': literal.Append("\\\""); break;
                case '\\': literal.Append("\\\\"); break;
                case '\n': literal.Append("\\n"); break;
                case '\r': literal.Append("\\r"); break;
                case '\t': literal.Append("\\t"); break;
                default:
                    if (c < 0x20 || char.IsSurrogate(c) || c == 0x7f)
                    {
                        literal.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        literal.Append(c);
                    }

                    break;
            }
        }

        return literal.Append('"').ToString();
    }

    /// <summary>The bytes of a text, as UTF-8; lone surrogates (which UTF-8 cannot hold) become U+FFFD.</summary>
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A JSON request body: query (raw JSON text), and optional operationName, variables and extensions (each raw JSON text).</summary>
    public static string Body(string query, string? operationName = null, string? variables = null, string? extensions = null)
    {
        var body = new StringBuilder("{\"query\":").Append(query);
        if (operationName is not null)
        {
            body.Append(",\"operationName\":").Append(operationName);
        }

        if (variables is not null)
        {
            body.Append(",\"variables\":").Append(variables);
        }

        if (extensions is not null)
        {
            body.Append(",\"extensions\":").Append(extensions);
        }

        return body.Append('}').ToString();
    }

    /// <summary>Shortens a text for a report, showing control characters and surrogates as escapes.</summary>
    public static string Printable(string text, int max = 600)
    {
        var shown = text.Length > max ? text[..max] : text;
        var printable = new StringBuilder(shown.Length);
        foreach (var c in shown)
        {
            if (c is < (char)0x20 or (char)0x7f || char.IsSurrogate(c) || c == '\uFEFF')
            {
                printable.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                printable.Append(c);
            }
        }

        return text.Length > max
            ? printable.Append(CultureInfo.InvariantCulture, $"… ({text.Length} characters in all)").ToString()
            : printable.ToString();
    }
}
