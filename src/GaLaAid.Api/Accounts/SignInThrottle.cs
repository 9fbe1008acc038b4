using System.Threading.RateLimiting;

namespace GaLaAid.Api.Accounts;

/// <summary>
/// Limits failed sign-ins (bad keys, bad PINs) per client address: after too many in a minute the
/// client must wait, whether its next attempt would be right or wrong. Built on the same
/// System.Threading.RateLimiting limiter as ASP.NET Core's rate-limiting middleware, but charged
/// only for failures, so a busy volunteer with a valid key is never slowed down.
/// </summary>
public sealed class SignInThrottle(IConfiguration configuration) : IDisposable
{
    public const string TooManyAttempts = "Too many failed sign-in attempts from this address; wait a minute and try again.";

    private readonly PartitionedRateLimiter<string> failures = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = configuration.GetValue<int?>("Limits:FailedSignInsPerMinute") ?? 10,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool MayTry(HttpContext http)
    {
        var client = Client(http);
        if (failures.GetStatistics(client)?.CurrentAvailablePermits is 0)
        {
            http.Items[nameof(SignInThrottle)] = true;
            return false;
        }

        return true;
    }

    public void RecordFailure(HttpContext http)
    {
        using var lease = failures.AttemptAcquire(Client(http));
    }

    /// <summary>True when this request was turned away for too many failures (answer 429).</summary>
    public static bool WasThrottled(HttpContext http) => http.Items.ContainsKey(nameof(SignInThrottle));

    public void Dispose() => failures.Dispose();

    private static string Client(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
