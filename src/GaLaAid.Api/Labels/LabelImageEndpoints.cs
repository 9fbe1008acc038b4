using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace GaLaAid.Api.Labels;

/// <summary>
/// <c>GET /labels/{code}.png</c> and <c>GET /labels/{code}.svg</c>: an item's label image, for any
/// signed-in user (API key or browser session). Errors answer in the GraphQL error shape so that
/// the pages and API clients read them the same way.
/// </summary>
public static class LabelImageEndpoints
{
    private static readonly JsonSerializerOptions ErrorJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void MapLabelImageEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/labels/{code}.png", (HttpContext http, string code, AppDbContext db, LabelUrls urls) =>
            ServeAsync(http, code, LabelImageFormat.Png, db, urls));
        endpoints.MapGet("/labels/{code}.svg", (HttpContext http, string code, AppDbContext db, LabelUrls urls) =>
            ServeAsync(http, code, LabelImageFormat.Svg, db, urls));
    }

    private static async Task<IResult> ServeAsync(HttpContext http, string rawCode, LabelImageFormat format, AppDbContext db, LabelUrls urls)
    {
        if (EndpointAccess.SignedIn(http) is { } problem)
        {
            return Error(problem.Status, problem.Code, problem.Message);
        }

        var scale = LabelImages.DefaultScale;
        if (http.Request.Query.TryGetValue("scale", out var scaleText)
            && (!int.TryParse(scaleText, NumberStyles.None, CultureInfo.InvariantCulture, out scale)
                || scale is < LabelImages.MinScale or > LabelImages.MaxScale))
        {
            return Error(StatusCodes.Status400BadRequest, "INVALID_SCALE",
                $"'scale' is the number of pixels per QR module, a whole number from {LabelImages.MinScale} to {LabelImages.MaxScale}.");
        }

        if (!LabelCode.TryNormalize(rawCode, out var code))
        {
            return Error(StatusCodes.Status400BadRequest, LabelErrorCodes.InvalidLabelCode, LabelErrorCodes.InvalidLabelCodeMessage);
        }

        if (!await db.StockItems.AnyAsync(i => i.LabelCode == code, http.RequestAborted))
        {
            return await LabelLedger.FindVoidedAsync(db, code, http.RequestAborted) is { } voided
                ? Error(StatusCodes.Status410Gone, LabelErrorCodes.LabelVoided, voided.Explanation, voided.CurrentCode)
                : Error(StatusCodes.Status404NotFound, LabelErrorCodes.LabelNotFound, $"No item carries the label {code}. Check the code against the label.");
        }

        var url = urls.HandoverPage(code);
        var etag = new EntityTagHeaderValue(ETag(format, scale, code, url));
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = etag;
        // Per user (images need a sign-in), and revalidated on every use so a voided label's image is not shown from a cache.
        headers.CacheControl = new CacheControlHeaderValue { Private = true, NoCache = true };
        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var symbol = QrSymbol.Encode(url);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        if (format == LabelImageFormat.Svg)
        {
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
            return Results.Text(LabelImages.Svg(symbol, code, scale), "image/svg+xml; charset=utf-8", Encoding.UTF8);
        }

        return Results.Bytes(LabelImages.Png(symbol, code, scale), "image/png");
    }

    /// <summary>Everything the image is drawn from: a new base URL, scale or renderer gives a new tag.</summary>
    private static string ETag(LabelImageFormat format, int scale, string code, string url)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{LabelImages.RendererVersion}|{format}|{scale}|{code}|{url}");
        return $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16))}\"";
    }

    private static IResult Error(int status, string code, string message, string? currentCode = null)
    {
        var extensions = new Dictionary<string, string> { ["code"] = code };
        if (currentCode is not null)
        {
            extensions["currentCode"] = currentCode;
        }

        return Results.Json(new { errors = new[] { new { message, extensions } } }, ErrorJson, statusCode: status);
    }
}
