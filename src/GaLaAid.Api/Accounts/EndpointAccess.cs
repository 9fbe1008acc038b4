namespace GaLaAid.Api.Accounts;

/// <summary>Why a request to an HTTP endpoint is refused: the status, a stable code and a message.</summary>
public sealed record AccessProblem(int Status, string Code, string Message)
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

/// <summary>
/// The checks every HTTP endpoint outside GraphQL makes before it serves anything, in one place so
/// that labels, print sheets, exports and pages refuse alike: a client that keeps failing to sign in
/// waits; nobody without an account gets anything; and an endpoint whose GET writes something may
/// not be triggered by another site through a signed-in browser.
/// </summary>
public static class EndpointAccess
{
    /// <summary>429 while the address is throttled for failed sign-ins, 401 when not signed in, else null.</summary>
    public static AccessProblem? SignedIn(HttpContext http)
    {
        if (SignInThrottle.WasThrottled(http))
        {
            http.Response.Headers.RetryAfter = "60";
            return new AccessProblem(StatusCodes.Status429TooManyRequests, "TOO_MANY_ATTEMPTS", SignInThrottle.TooManyAttempts);
        }

        if (http.User.Identity?.IsAuthenticated != true)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return new AccessProblem(StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", http.Request.Headers.ContainsKey("Authorization")
                ? "The API key is not valid, has expired or was revoked."
                : "Sign in first: send 'Authorization: Bearer <api key>', or sign in at /auth/sign-in.");
        }

        return null;
    }

    /// <summary>
    /// <see cref="SignedIn"/>, then 403 FORBIDDEN unless the user has one of <paramref name="roles"/>;
    /// <paramref name="forbidden"/> says who may, in the person's terms.
    /// </summary>
    public static AccessProblem? SignedInAs(HttpContext http, IEnumerable<string> roles, string forbidden) =>
        SignedIn(http) ?? (roles.Any(http.User.IsInRole) ? null : new AccessProblem(StatusCodes.Status403Forbidden, "FORBIDDEN", forbidden));

    /// <summary>403 FORBIDDEN naming the roles that may <paramref name="what"/>, unless the user has one of them.</summary>
    public static AccessProblem? InRole(HttpContext http, IReadOnlyList<Role> roles, string what) =>
        roles.Any(role => http.User.IsInRole(role.Name()))
            ? null
            : new AccessProblem(StatusCodes.Status403Forbidden, "FORBIDDEN", $"Only {string.Join(", ", roles.Select(r => r.Name()))} may {what}.");

    /// <summary>403 CROSS_SITE_REQUEST when the browser says another site sent this request, else null.</summary>
    public static AccessProblem? NotCrossSite(HttpContext http, string message) =>
        string.Equals(http.Request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase)
            ? new AccessProblem(StatusCodes.Status403Forbidden, "CROSS_SITE_REQUEST", message)
            : null;
}
