using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.Labels;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.HandoverPage;

/// <summary>
/// <c>GET /h/{code}</c>: the page a phone opens when it scans an item's QR label. Signed out, it
/// asks for a user name and PIN (or a key); signed in, it shows the item and the handover form,
/// or, when nothing is left, to whom, when and by whom the item went.
/// </summary>
public static class HandoverPageEndpoints
{
    /// <summary>No script or style but our own files; no framing, no form posts or fetches elsewhere.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static IServiceCollection AddHandoverPage(this IServiceCollection services) =>
        services.AddSingleton<PageTexts>().AddSingleton<PageAssets>();

    public static void MapHandoverPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PageAssets.PathPrefix + "{fileName}", (HttpContext http, PageAssets assets, string fileName) => assets.Serve(http, fileName));
        endpoints.MapGet("/h/{code}", (Delegate)PageAsync);
    }

    private static async Task<IResult> PageAsync(HttpContext http, string code, PageTexts languages, PageAssets assets, AppDbContext db, IAntiforgery antiforgery)
    {
        var texts = languages.For(http.Request);
        var view = new HandoverPageView(texts, assets, languages.All);
        var response = http.Response;
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XFrameOptions = "DENY";
        // The page holds a CSRF token and names people: never kept by a browser or a proxy.
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentLanguage = texts.Language;
        response.Headers.Vary = "Accept-Language, Cookie";

        if (!LabelCode.TryNormalize(code, out var canonical))
        {
            return Html(view.BadCode(code), StatusCodes.Status400BadRequest);
        }

        if (http.User.Identity?.IsAuthenticated != true)
        {
            return Html(view.SignIn(canonical), StatusCodes.Status200OK);
        }

        var userName = http.User.Identity.Name;
        var displayName = await db.Users.Where(u => u.UserName == userName).Select(u => u.DisplayName).FirstOrDefaultAsync(http.RequestAborted) ?? userName ?? string.Empty;
        var session = new HandoverPageView.Session(
            displayName,
            antiforgery.GetAndStoreTokens(http).RequestToken!,
            MayHandOver: http.User.IsInRole(Roles.Admin) || http.User.IsInRole(Roles.Staff) || http.User.IsInRole(Roles.Volunteer));
        // Antiforgery sets its own caching headers; ours (no-store) is the stricter one.
        response.Headers.CacheControl = "no-store";

        var item = await ItemDetails.LoadAsync(db, canonical, http.RequestAborted);
        return item is null
            ? Html(view.NotFound(canonical, session), StatusCodes.Status404NotFound)
            : Html(view.Item(item, session), StatusCodes.Status200OK);
    }

    private static IResult Html(string html, int statusCode) =>
        Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, statusCode);
}
