using System.Collections.Frozen;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace GaLaAid.Api.HandoverPage;

/// <summary>
/// The page's script and style sheet, embedded in the assembly, served from URLs that carry a hash of
/// their content (/h/assets/handover.1a2b3c4d5e.js) so a phone may keep them for a year and still
/// never run an old copy, and compressed once at startup with Brotli and gzip.
/// </summary>
public sealed class PageAssets
{
    public const string PathPrefix = "/h/assets/";
    private const string ResourcePrefix = "GaLaAid.HandoverPage.Assets.";

    private readonly FrozenDictionary<string, Asset> byFileName;

    public PageAssets()
    {
        var assembly = typeof(PageAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var logical = name[ResourcePrefix.Length..];
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var hash = Convert.ToHexStringLower(SHA256.HashData(content))[..12];
            var extension = Path.GetExtension(logical);
            var fileName = $"{Path.GetFileNameWithoutExtension(logical)}.{hash}{extension}";
            var contentType = extension switch
            {
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                _ => throw new InvalidOperationException($"The handover page has an asset of unknown type: {logical}."),
            };
            assets[fileName] = new Asset(fileName, contentType, $"\"{hash}\"", content, Compress(content, brotli: true), Compress(content, brotli: false));
            urls[logical] = PathPrefix + fileName;
        }

        byFileName = assets.ToFrozenDictionary(StringComparer.Ordinal);
        Urls = urls.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The hashed URL of each asset by its plain name, e.g. handover.js → /h/assets/handover.1a2b3c4d5e6f.js.</summary>
    public IReadOnlyDictionary<string, string> Urls { get; }

    public IReadOnlyCollection<Asset> All => byFileName.Values;

    public string Url(string logicalName) => Urls[logicalName];

    public IResult Serve(HttpContext http, string fileName)
    {
        if (!byFileName.TryGetValue(fileName, out var asset))
        {
            return Results.NotFound();
        }

        var response = http.Response;
        response.Headers.CacheControl = "public, max-age=31536000, immutable";
        response.Headers.ETag = asset.ETag;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        response.Headers.XContentTypeOptions = "nosniff";
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Contains(asset.ETag, StringComparison.Ordinal)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var accepted = http.Request.GetTypedHeaders().AcceptEncoding;
        bool Accepts(string coding) => accepted.Any(e => e.Value.Equals(coding, StringComparison.OrdinalIgnoreCase) && (e.Quality ?? 1) > 0);
        var (body, encoding) = Accepts("br") ? (asset.Brotli, "br") : Accepts("gzip") ? (asset.Gzip, "gzip") : (asset.Content, null);
        if (encoding is not null)
        {
            response.Headers.ContentEncoding = encoding;
        }

        return Results.Bytes(body, asset.ContentType);
    }

    private static byte[] Compress(byte[] content, bool brotli)
    {
        using var output = new MemoryStream();
        using (Stream compressor = brotli
            ? new BrotliStream(output, CompressionLevel.SmallestSize, leaveOpen: true)
            : new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            compressor.Write(content);
        }

        return output.ToArray();
    }

    public sealed record Asset(string FileName, string ContentType, string ETag, byte[] Content, byte[] Brotli, byte[] Gzip);
}
