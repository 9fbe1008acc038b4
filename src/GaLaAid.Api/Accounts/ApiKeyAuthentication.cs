using System.Security.Claims;
using System.Text.Encodings.Web;
using GaLaAid.Api.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GaLaAid.Api.Accounts;

/// <summary>Authenticates <c>Authorization: Bearer &lt;api key&gt;</c> against the stored key hashes.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AppDbContext db,
    TimeProvider clock,
    SignInThrottle throttle,
    ApiKeyCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "galaaid:key";

    /// <summary>On a session opened with a PIN: a fingerprint of the PIN's hash, so that a new PIN ends the old PIN's sessions.</summary>
    public const string PinStampClaim = "galaaid:pin";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Fail("Use 'Authorization: Bearer <api key>'.");
        }

        if (!throttle.MayTry(Context))
        {
            return AuthenticateResult.Fail(SignInThrottle.TooManyAttempts);
        }

        var key = header["Bearer ".Length..].Trim();
        if (key.Length is < Secrets.MinimumKeyLength or > 200)
        {
            return Fail("The API key is not valid.");
        }

        var hash = Secrets.HashApiKey(key);
        if (cache.Find(hash) is var (cachedUser, cachedKeyId))
        {
            return AuthenticateResult.Success(new AuthenticationTicket(Principal(cachedUser, cachedKeyId, SchemeName), SchemeName));
        }

        var found = await db.ApiKeys
            .Where(k => k.Hash == hash)
            .Join(db.Users, k => k.UserId, u => u.Id, (k, u) => new { Key = k, User = u })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null || !found.Key.IsActiveAt(clock.GetUtcNow().UtcDateTime))
        {
            return Fail("The API key is not valid, has expired or was revoked.");
        }

        cache.Remember(found.Key, found.User);
        return AuthenticateResult.Success(new AuthenticationTicket(Principal(found.User, found.Key.Id, SchemeName), SchemeName));
    }

    private AuthenticateResult Fail(string message)
    {
        throttle.RecordFailure(Context);
        return AuthenticateResult.Fail(message);
    }

    /// <summary>The signed-in user; <paramref name="keyId"/> is 0 for a session opened with the user's PIN.</summary>
    public static ClaimsPrincipal Principal(User user, int keyId, string scheme)
    {
        List<Claim> claims =
        [
            new Claim(ClaimTypes.Name, user.UserName),
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Role, user.Role.Name()),
            new Claim(KeyIdClaim, keyId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
        if (keyId == 0 && user.PinHash is { } pinHash)
        {
            claims.Add(new Claim(PinStampClaim, Secrets.PinStamp(pinHash)));
        }

        return new(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}

public static class AuthenticationSetup
{
    public const string Scheme = "GaLaAid";
    public const string CookieName = "galaaid.session";

    /// <summary>
    /// Bearer keys for API clients; an HTTP-only, SameSite=Strict cookie for the browser pages, issued
    /// by /auth/sign-in, naming a session kept on the server (see <see cref="SessionStore"/>). A
    /// request with an Authorization header is judged by its key alone.
    /// </summary>
    public static IServiceCollection AddGaLaAidAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<ApiKeyCache>();
        services.AddMemoryCache();
        services.AddSingleton<SessionStore>();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<SessionStore>((options, sessions) => options.SessionStore = sessions);
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or session cookie", options =>
                options.ForwardDefaultSelector = http => http.Request.Headers.ContainsKey("Authorization")
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
                // An API answers 401/403 instead of redirecting to a sign-in page.
                options.Events.OnRedirectToLogin = context => { context.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                options.Events.OnRedirectToAccessDenied = context => { context.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
                options.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
            });
        services.AddAuthorization();
        services.AddSignInRateLimit();
        services.AddAntiforgery(options =>
        {
            options.HeaderName = "X-CSRF-Token";
            options.Cookie.Name = "galaaid.csrf";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        return services;
    }
}

/// <summary>A session lives only as long as the key it was opened with stays valid, or the PIN it was opened with stays unchanged.</summary>
public static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var userName = context.Principal?.Identity?.Name;
        var keyClaim = context.Principal?.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value;
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, context.HttpContext.RequestAborted);
        var pinStamp = context.Principal?.FindFirst(ApiKeyAuthenticationHandler.PinStampClaim)?.Value;
        var valid = user is not null && (keyClaim is null or "0"
            ? user.PinHash is not null && pinStamp == Secrets.PinStamp(user.PinHash)
            : int.TryParse(keyClaim, out var keyId) && await db.ApiKeys.AnyAsync(
                k => k.Id == keyId && k.UserId == user.Id && k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now),
                context.HttpContext.RequestAborted));
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
