using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace GaLaAid.Api.HandoverPage;

/// <summary>
/// The page's texts, one embedded JSON file per language (HandoverPage/Resources/{language}.json):
/// adding a language (Tibetan, bo.json) is adding a file with the same keys.
/// </summary>
public sealed class PageTexts
{
    /// <summary>The volunteers' language, used when the browser asks for none we have.</summary>
    public const string DefaultLanguage = "zh-Hans";

    private const string ResourcePrefix = "GaLaAid.HandoverPage.Resources.";

    private readonly FrozenDictionary<string, Texts> languages;

    public PageTexts()
    {
        var assembly = typeof(PageTexts).Assembly;
        var loaded = new Dictionary<string, Texts>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
        {
            var language = name[ResourcePrefix.Length..^".json".Length];
            using var stream = assembly.GetManifestResourceStream(name)!;
            var texts = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                ?? throw new InvalidOperationException($"The resource {name} is empty.");
            loaded[language] = new Texts(language, texts.ToFrozenDictionary(StringComparer.Ordinal));
        }

        if (!loaded.ContainsKey(DefaultLanguage))
        {
            throw new InvalidOperationException($"The handover page has no texts in {DefaultLanguage}.");
        }

        languages = loaded.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every language there are texts for, the default first.</summary>
    public IReadOnlyList<Texts> All => [.. languages.Values.OrderBy(t => t.Language == DefaultLanguage ? 0 : 1).ThenBy(t => t.Language, StringComparer.Ordinal)];

    /// <summary>
    /// <c>?lang=</c> when it names a language we have; else the first language of the Accept-Language
    /// header, by quality, that we have; else the default.
    /// </summary>
    public Texts For(HttpRequest request)
    {
        if (Match(request.Query["lang"].ToString()) is { } chosen)
        {
            return chosen;
        }

        var accepted = request.GetTypedHeaders().AcceptLanguage;
        // OrderByDescending is stable: among equal qualities the header's order decides.
        foreach (var range in accepted.Where(r => (r.Quality ?? 1) > 0).OrderByDescending(r => r.Quality ?? 1))
        {
            if (range.Value == "*")
            {
                break;
            }

            if (Match(range.Value.ToString()) is { } match)
            {
                return match;
            }
        }

        return languages[DefaultLanguage];
    }

    /// <summary>An exact tag, or one with the same primary subtag: zh-CN and zh-TW read zh-Hans, en-GB reads en.</summary>
    private Texts? Match(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        if (languages.TryGetValue(tag, out var exact))
        {
            return exact;
        }

        var primary = tag.Split('-')[0];
        return languages.Values.FirstOrDefault(t => t.Language.Split('-')[0].Equals(primary, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>The texts of one language; a key that is missing is a bug, so it throws.</summary>
public sealed partial class Texts(string language, FrozenDictionary<string, string> texts)
{
    public string Language => language;

    public IReadOnlyDictionary<string, string> All => texts;

    public string this[string key] =>
        texts.TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"The handover page's {language} texts have no '{key}'.");

    /// <summary>The text with each {name} replaced by its value.</summary>
    public string Format(string key, params (string Name, string Value)[] values) =>
        // One pass, so that a value holding "{…}" (a name typed that way) is never replaced in turn.
        Placeholder().Replace(this[key], match =>
            values.FirstOrDefault(v => v.Name == match.Groups[1].Value) is { Name: not null } found ? found.Value : match.Value);

    [System.Text.RegularExpressions.GeneratedRegex(@"\{(\w+)\}")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();
}
