using Microsoft.Extensions.Options;

namespace GaLaAid.Api.Labels;

/// <summary>The addresses a label points to, built from <see cref="LabelOptions.PublicBaseUrl"/>.</summary>
public sealed class LabelUrls(IOptions<LabelOptions> options)
{
    private readonly string baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');

    /// <summary>What the QR code encodes: the handover page of this code.</summary>
    public string HandoverPage(string code) => $"{baseUrl}/h/{Uri.EscapeDataString(code)}";

    /// <summary>The label image of this code; <paramref name="format"/> is <c>png</c> or <c>svg</c>.</summary>
    public string Image(string code, string format) => $"{baseUrl}/labels/{Uri.EscapeDataString(code)}.{format}";
}
