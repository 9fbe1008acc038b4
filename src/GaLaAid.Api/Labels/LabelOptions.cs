namespace GaLaAid.Api.Labels;

/// <summary>The <c>Labels</c> configuration section.</summary>
public sealed class LabelOptions
{
    public const string Section = "Labels";

    /// <summary>
    /// The address phones reach this service at, as printed into every QR code: a label encodes
    /// <c>{PublicBaseUrl}/h/{code}</c>. Set it before printing labels that leave the office.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>A TrueType (.ttf) or collection (.ttc) font with Chinese glyphs for PDF sheets; empty = search the system.</summary>
    public string FontPath { get; set; } = string.Empty;

    /// <summary>Whether to look for a Chinese font in the system's font folders when <see cref="FontPath"/> is empty or unusable.</summary>
    public bool SearchSystemFonts { get; set; } = true;
}
