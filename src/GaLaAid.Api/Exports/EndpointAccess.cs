using GaLaAid.Api.Accounts;

namespace GaLaAid.Api.Exports;

/// <summary>A refused request: the status, a stable code and a message.</summary>
public sealed record EndpointProblem(int Status, string Code, string Message)
{
    /// <summary>The service's JSON error shape, <c>{"errors":[{"message","extensions":{"code"}}]}</c>, never cached.</summary>
    public IResult ToResult(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(
            new { errors = new[] { new { message = Message, extensions = new { code = Code } } } },
            statusCode: Status);
    }
}

/// <summary>Who may open a page or file outside GraphQL: signed in by bearer key or session cookie, from this service's own pages.</summary>
public static class EndpointAccess
{
    /// <summary>Refuses another site's request, a throttled address and an anonymous caller; null when the caller is signed in.</summary>
    public static EndpointProblem? SignedIn(HttpContext http)
    {
        // Ledger files and notices carry personal data; another site must not make a signed-in browser fetch them.
        if (string.Equals(http.Request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return new EndpointProblem(StatusCodes.Status403Forbidden, "CROSS_SITE_REQUEST",
                "Exports and notices are opened from this service's own pages or with an API key, not from another site.");
        }

        if (SignInThrottle.WasThrottled(http))
        {
            http.Response.Headers.RetryAfter = "60";
            return new EndpointProblem(StatusCodes.Status429TooManyRequests, "TOO_MANY_ATTEMPTS", SignInThrottle.TooManyAttempts);
        }

        if (http.User.Identity?.IsAuthenticated != true)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return new EndpointProblem(StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", http.Request.Headers.ContainsKey("Authorization")
                ? "The API key is not valid, has expired or was revoked."
                : "Sign in first: send 'Authorization: Bearer <api key>', or sign in at /auth/sign-in.");
        }

        return null;
    }

    public static EndpointProblem? InRole(HttpContext http, IReadOnlyList<Role> roles, string what) =>
        roles.Any(role => http.User.IsInRole(role.Name()))
            ? null
            : new EndpointProblem(StatusCodes.Status403Forbidden, "FORBIDDEN",
                $"Only {string.Join(", ", roles.Select(r => r.Name()))} may {what}.");

    /// <summary>A UTC time from the query string: a date (midnight UTC) or an ISO-8601 time; false when present and not one.</summary>
    public static bool TryTime(HttpRequest request, string key, out DateTime? value)
    {
        value = null;
        if (!request.Query.TryGetValue(key, out var raw))
        {
            return true;
        }

        if (raw.Count == 1 && DateTimeOffset.TryParse(raw[0], System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed.UtcDateTime;
            return true;
        }

        return false;
    }
}
