using System.Diagnostics;
using System.Net;

namespace GaLaAid.Benchmarks.Harness;

/// <summary>What one load round measured.</summary>
internal sealed record LoadResult(int Requests, int Errors, TimeSpan Elapsed, double P50Milliseconds, double P99Milliseconds, string? FirstError)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
}

/// <summary>
/// Closed-loop load: a fixed number of clients, each sending its next request as soon as the last
/// one is answered, for a fixed time. GaLaAid and the baselines are driven by this same code.
/// </summary>
internal static class LoadDriver
{
    /// <summary>
    /// Runs <paramref name="clients"/> loops for <paramref name="duration"/>. Each call of
    /// <paramref name="send"/> gets the client's index and its request number and returns null
    /// when the answer was right, or what was wrong with it. A client also stops after
    /// <paramref name="requestsPerClient"/> requests (when its inputs, such as items to hand over, run out).
    /// </summary>
    public static async Task<LoadResult> RunAsync(
        int clients, TimeSpan duration, Func<int, int, Task<string?>> send, CancellationToken cancellationToken, int requestsPerClient = int.MaxValue)
    {
        var latencies = new List<double>[clients];
        var errors = 0;
        string? firstError = null;
        using var start = new SemaphoreSlim(0, clients);
        var started = 0L;
        var loops = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var mine = latencies[client] = new List<double>(4096);
            await start.WaitAsync(cancellationToken);
            for (var request = 0; request < requestsPerClient && Stopwatch.GetElapsedTime(Interlocked.Read(ref started)) < duration; request++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var sent = Stopwatch.GetTimestamp();
                string? error;
                try
                {
                    error = await send(client, request);
                }
                catch (HttpRequestException e)
                {
                    error = e.Message;
                }

                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (error is not null)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, error, null);
                }
            }
        }, cancellationToken)).ToList();

        Interlocked.Exchange(ref started, Stopwatch.GetTimestamp());
        start.Release(clients);
        await Task.WhenAll(loops);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var all = latencies.SelectMany(l => l).ToList();
        return new LoadResult(all.Count, errors, elapsed, Measure.Percentile(all, 50), Measure.Percentile(all, 99), firstError);
    }

    /// <summary>Posts a GraphQL body and returns null for a 200 without errors, else what went wrong.</summary>
    public static async Task<string?> PostGraphQLAsync(HttpClient client, string body, CancellationToken cancellationToken)
    {
        using var content = Http.Json(body);
        using var response = await client.PostAsync("graphql", content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"HTTP {(int)response.StatusCode}: {Shorten(text)}";
        }

        return text.Contains("\"errors\"", StringComparison.Ordinal) ? Shorten(text) : null;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
