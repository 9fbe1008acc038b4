using System.Threading.RateLimiting;

namespace GaLaAid.Api.Accounts;

/// <summary>
/// ASP.NET Core's rate limiter on the sign-in endpoint: at most a few attempts a minute from one
/// address, right or wrong, so a PIN cannot be guessed by volume. Failed attempts are limited more
/// tightly still by <see cref="SignInThrottle"/>, which also covers bad keys sent to /graphql.
/// </summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsJsonAsync(
                    new { error = "Too many sign-in attempts from this address; wait a minute and try again." }, cancellationToken);
            };
            options.AddPolicy(Policy, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IConfiguration>().GetValue<int?>("Limits:SignInsPerMinute") ?? 30;
                return RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });
}
