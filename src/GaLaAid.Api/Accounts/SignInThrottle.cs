using System.Collections.Concurrent;
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

    private readonly ConcurrentDictionary<string, int> inFlight = new(StringComparer.Ordinal);

    /// <summary>Whether this client may try a bearer key now; false (answer 429) after too many failures.</summary>
    public bool MayTry(HttpContext http)
    {
        if (failures.GetStatistics(Client(http))?.CurrentAvailablePermits is 0)
        {
            http.Items[nameof(SignInThrottle)] = true;
            return false;
        }

        return true;
    }

    /// <summary>
    /// Starts a sign-in at /auth/sign-in; null when this client has used up its failures for now
    /// (answer 429). Unlike <see cref="MayTry"/>, sign-ins still being checked count as failures
    /// until they end, so that guessing a short PIN in parallel gets no more tries than guessing one
    /// at a time. Call <see cref="Attempt.Failed"/> if the sign-in fails, and dispose it when it ends.
    /// (Bearer keys do without: they are far too long to guess, and API clients send many requests at once.)
    /// </summary>
    public Attempt? TryBegin(HttpContext http)
    {
        var client = Client(http);
        var checking = inFlight.AddOrUpdate(client, 1, (_, count) => count + 1);
        var left = failures.GetStatistics(client) is { } statistics ? statistics.CurrentAvailablePermits : 0;
        if (left < checking)
        {
            End(client);
            http.Items[nameof(SignInThrottle)] = true;
            return null;
        }

        return new Attempt(this, client);
    }

    /// <summary>Charges the client one failed bearer key.</summary>
    public void RecordFailure(HttpContext http) => RecordFailure(Client(http));

    /// <summary>True when this request was turned away for too many failures (answer 429).</summary>
    public static bool WasThrottled(HttpContext http) => http.Items.ContainsKey(nameof(SignInThrottle));

    public void Dispose() => failures.Dispose();

    private void RecordFailure(string client)
    {
        using var lease = failures.AttemptAcquire(client);
    }

    private void End(string client)
    {
        var still = inFlight.AddOrUpdate(client, 0, (_, count) => count - 1);
        if (still <= 0)
        {
            inFlight.TryRemove(KeyValuePair.Create(client, still));
        }
    }

    private static string Client(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>One sign-in attempt being checked.</summary>
    public sealed class Attempt : IDisposable
    {
        private readonly SignInThrottle throttle;
        private readonly string client;
        private bool ended;

        internal Attempt(SignInThrottle throttle, string client)
        {
            this.throttle = throttle;
            this.client = client;
        }

        /// <summary>The key or PIN was wrong: charge the client one failure.</summary>
        public void Failed() => throttle.RecordFailure(client);

        public void Dispose()
        {
            if (!ended)
            {
                ended = true;
                throttle.End(client);
            }
        }
    }
}
