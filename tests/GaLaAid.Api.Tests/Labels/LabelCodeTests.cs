using System.Text.RegularExpressions;
using GaLaAid.Api.Labels;

namespace GaLaAid.Api.Tests.Labels;

public sealed partial class LabelCodeTests
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static readonly string[] Codes = Enumerable.Range(0, 300).Select(_ => LabelCode.NewCode()).ToArray();

    /// <summary>The eight symbols of a code: seven random ones and the check symbol.</summary>
    private static string Symbols(string code) => code[3..7] + code[8..];

    private static string Printed(string symbols) => $"GL-{symbols[..4]}-{symbols[4..]}";

    /// <summary>The one symbol that completes seven symbols to a valid code, found by trying all 32.</summary>
    private static string Complete(string seven)
    {
        var valid = Alphabet.Where(check => LabelCode.TryNormalize(seven + check, out _)).ToList();
        var check = Assert.Single(valid);
        return Printed(seven + check);
    }

    [GeneratedRegex("^GL-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")]
    private static partial Regex PrintedShape();

    [Fact]
    public void Generated_codes_have_the_printed_shape_differ_from_each_other_and_normalize_to_themselves()
    {
        Assert.Equal(Codes.Length, Codes.Distinct().Count());
        Assert.All(Codes, code =>
        {
            Assert.Matches(PrintedShape(), code);
            Assert.True(LabelCode.TryNormalize(code, out var canonical), code);
            Assert.Equal(code, canonical);
        });
    }

    [Fact]
    public void Every_single_symbol_substitution_is_rejected()
    {
        var accepted = new List<string>();
        var tried = 0;
        foreach (var code in Codes)
        {
            var symbols = Symbols(code);
            for (var position = 0; position < symbols.Length; position++)
            {
                foreach (var other in Alphabet.Where(c => c != symbols[position]))
                {
                    var typo = Printed(symbols[..position] + other + symbols[(position + 1)..]);
                    tried++;
                    if (LabelCode.TryNormalize(typo, out _))
                    {
                        accepted.Add($"{code} -> {typo}");
                    }
                }
            }
        }

        Assert.Equal(Codes.Length * 8 * 31, tried);
        Assert.True(accepted.Count == 0, "Accepted typos: " + string.Join(", ", accepted.Take(10)));
    }

    [Fact]
    public void Every_swap_of_two_neighbouring_characters_is_rejected()
    {
        var accepted = new List<string>();
        var tried = 0;
        foreach (var code in Codes)
        {
            // As typed with the prefix and without it: every neighbouring pair, including the prefix letters.
            foreach (var typed in new[] { "GL" + Symbols(code), Symbols(code) })
            {
                for (var i = 0; i + 1 < typed.Length; i++)
                {
                    if (typed[i] == typed[i + 1])
                    {
                        continue;
                    }

                    var swapped = typed[..i] + typed[i + 1] + typed[i] + typed[(i + 2)..];
                    tried++;
                    if (LabelCode.TryNormalize(swapped, out _) || LabelCode.TryNormalize(swapped.ToLowerInvariant(), out _))
                    {
                        accepted.Add($"{code} -> {swapped}");
                    }
                }
            }
        }

        Assert.True(tried > Codes.Length * 14, $"only {tried} swaps tried");
        Assert.True(accepted.Count == 0, "Accepted swaps: " + string.Join(", ", accepted.Take(10)));
    }

    [Fact]
    public void Lower_case_without_dashes_spaces_for_dashes_and_no_prefix_are_all_accepted()
    {
        Assert.All(Codes, code =>
        {
            var symbols = Symbols(code);
            foreach (var typed in new[]
            {
                code.ToLowerInvariant(),
                "gl" + symbols.ToLowerInvariant(),
                symbols.ToLowerInvariant(),
                symbols,
                $" GL {symbols[..4]} {symbols[4..]} ",
                $"{symbols[..4].ToLowerInvariant()}-{symbols[4..]}",
            })
            {
                Assert.True(LabelCode.TryNormalize(typed, out var canonical), typed);
                Assert.Equal(code, canonical);
            }
        });
    }

    [Theory]
    [InlineData("0000000")]
    [InlineData("1111111")]
    [InlineData("0101101")]
    [InlineData("10ABC01")]
    public void O_I_and_L_are_read_as_0_1_and_1(string seven)
    {
        var code = Complete(seven);
        var symbols = Symbols(code);

        foreach (var typed in new[]
        {
            symbols.Replace('0', 'O').Replace('1', 'I'),
            symbols.Replace('0', 'o').Replace('1', 'l'),
            "GL-" + symbols.Replace('1', 'L'),
            "gl" + symbols.Replace('0', 'o').Replace('1', 'i'),
        })
        {
            Assert.True(LabelCode.TryNormalize(typed, out var canonical), typed);
            Assert.Equal(code, canonical);
        }
    }

    [Fact]
    public void Exactly_one_check_symbol_completes_any_seven_symbols()
    {
        foreach (var code in Codes.Take(50))
        {
            Assert.Equal(code, Complete(Symbols(code)[..7]));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("GL-7K3Q")]
    [InlineData("GL-7K3Q-9XWDA")]
    [InlineData("GL-7K3Q-9XW!")]
    [InlineData("GL-7K3Q-9XWU")]
    [InlineData("XX-7K3Q-9XWD")]
    public void Text_that_is_not_a_code_is_rejected(string? text)
    {
        Assert.False(LabelCode.TryNormalize(text, out var canonical));
        Assert.Equal(string.Empty, canonical);
    }

    [Fact]
    public void Text_longer_than_40_characters_is_rejected_even_when_it_holds_a_code()
    {
        var padded = Codes[0] + new string(' ', 40);

        Assert.False(LabelCode.TryNormalize(padded, out _));
        Assert.True(LabelCode.TryNormalize(Codes[0] + "  ", out _));
    }
}
