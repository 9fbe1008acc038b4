using GaLaAid.Api.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Accounts;

/// <summary>
/// Browser sign-in for the handover and label pages: with an API key, or with a user name and a
/// short PIN. Both open an HTTP-only session cookie; the answer carries the CSRF token that
/// cookie-authenticated writes must send in the X-CSRF-Token header.
/// </summary>
public static class SignInEndpoints
{
    /// <summary>The web defaults (camelCase, case-insensitive), but a member named twice is refused, not resolved silently.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        AllowDuplicateProperties = false,
    };

    public sealed record SignInRequest(string? ApiKey, string? UserName, string? Pin);

    public sealed record SessionResponse(string UserName, string DisplayName, string Role, string CsrfToken);

    public static void MapSignInEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/auth");
        auth.MapPost("/sign-in", (Delegate)SignInAsync).RequireRateLimiting(SignInRateLimit.Policy);
        auth.MapPost("/sign-out", (Delegate)SignOutAsync);
        auth.MapGet("/session", (Delegate)SessionAsync);
    }

    private static async Task<IResult> SignInAsync(
        HttpContext http, AppDbContext db, TimeProvider clock, SignInThrottle throttle, IAntiforgery antiforgery)
    {
        if (IsCrossSite(http.Request))
        {
            return Problem(StatusCodes.Status403Forbidden, "Sign in from GaLaAid's own pages: a sign-in sent from another site is refused.");
        }

        using var attempt = throttle.TryBegin(http);
        if (attempt is null)
        {
            return Problem(StatusCodes.Status429TooManyRequests, SignInThrottle.TooManyAttempts);
        }

        var request = await ReadAsync(http);
        if (request is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Send either 'apiKey', or 'userName' and 'pin', as JSON or as a form (each named once).");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        (User User, int KeyId)? signedIn = null;
        if (!string.IsNullOrWhiteSpace(request.ApiKey) && request.ApiKey.Length <= 200)
        {
            var hash = Secrets.HashApiKey(request.ApiKey.Trim());
            var found = await db.ApiKeys.Where(k => k.Hash == hash)
                .Join(db.Users, k => k.UserId, u => u.Id, (k, u) => new { Key = k, User = u })
                .FirstOrDefaultAsync(http.RequestAborted);
            if (found is not null && found.Key.IsActiveAt(now))
            {
                signedIn = (found.User, found.Key.Id);
            }
        }
        else if (!string.IsNullOrWhiteSpace(request.UserName) && !string.IsNullOrWhiteSpace(request.Pin) && request.Pin.Length <= 32)
        {
            var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == request.UserName.Trim(), http.RequestAborted);
            if (user?.PinHash is { } pinHash && Secrets.VerifyPin(request.Pin.Trim(), pinHash))
            {
                signedIn = (user, 0);
            }
        }

        if (signedIn is not { } session)
        {
            attempt.Failed();
            return Problem(StatusCodes.Status401Unauthorized, "The key, user name or PIN is not right, or the key has expired or was revoked.");
        }

        var principal = ApiKeyAuthenticationHandler.Principal(session.User, session.KeyId, CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        http.User = principal;
        return Results.Ok(Session(http, session.User.UserName, session.User.DisplayName, session.User.Role.Name(), antiforgery));
    }

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        // Another site's page could otherwise end a volunteer's session in the middle of a handover round.
        if (IsCrossSite(http.Request))
        {
            return Problem(StatusCodes.Status403Forbidden, "Sign out from GaLaAid's own pages: a sign-out sent from another site is refused.");
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.NoContent();
    }

    private static async Task<IResult> SessionAsync(HttpContext http, AppDbContext db, IAntiforgery antiforgery)
    {
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return Problem(StatusCodes.Status401Unauthorized, "Not signed in.");
        }

        var user = await db.Users.FirstAsync(u => u.UserName == http.User.Identity.Name, http.RequestAborted);
        return Results.Ok(Session(http, user.UserName, user.DisplayName, user.Role.Name(), antiforgery));
    }

    private static SessionResponse Session(HttpContext http, string userName, string displayName, string role, IAntiforgery antiforgery) =>
        new(userName, displayName, role, antiforgery.GetAndStoreTokens(http).RequestToken!);

    /// <summary>
    /// Login CSRF (and its twin, logout CSRF): another site's page could post its own key here and sign the victim's browser in
    /// as the attacker, so that what the victim records lands in the attacker's account. Browsers say
    /// where a request comes from (Sec-Fetch-Site, Origin); API clients and old browsers send
    /// neither and are let through, as is a request from this host under another scheme (behind a
    /// proxy that ends TLS, the service itself sees http).
    /// </summary>
    private static bool IsCrossSite(HttpRequest request)
    {
        if (string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var origin = request.Headers.Origin;
        if (origin.Count == 0)
        {
            return false;
        }

        return origin.Count > 1
            || !Uri.TryCreate(origin[0], UriKind.Absolute, out var originUri)
            || !string.Equals(originUri.IsDefaultPort ? originUri.Host : $"{originUri.Host}:{originUri.Port}", request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<SignInRequest?> ReadAsync(HttpContext http)
    {
        try
        {
            if (http.Request.HasFormContentType)
            {
                var form = await http.Request.ReadFormAsync(http.RequestAborted);
                return form.Any(field => field.Value.Count > 1)
                    ? null
                    : new SignInRequest(form["apiKey"], form["userName"], form["pin"]);
            }

            return await http.Request.ReadFromJsonAsync<SignInRequest>(Json, http.RequestAborted);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or InvalidDataException
            or BadHttpRequestException or IOException)
        {
            // IOException: a multipart form that ends before its closing boundary.
            return null;
        }
    }

    private static IResult Problem(int status, string message) =>
        Results.Json(new { error = message }, statusCode: status);
}
