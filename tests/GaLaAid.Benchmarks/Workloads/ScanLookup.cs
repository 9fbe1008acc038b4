using System.Globalization;
using System.Text.Json;
using GaLaAid.Api.Donations;
using GaLaAid.Benchmarks.Baselines;
using GaLaAid.Benchmarks.Harness;
using Microsoft.Extensions.Logging;

namespace GaLaAid.Benchmarks.Workloads;

/// <summary>
/// Distribution day: volunteers' phones scan labels. 32 concurrent keep-alive clients ask
/// <c>itemByCode</c> for random codes of the generated database, against the real service and
/// against a bare GraphQL.NET endpoint answering the same query shape from memory.
/// Targets: ≥ 50 % of the bare endpoint's throughput, p99 ≤ 10 ms.
/// </summary>
internal sealed class ScanLookup : IWorkload
{
    private const int Clients = 32;
    private const int SampleSize = 20_000;

    private const string Query =
        "query Scan($code: String!) { itemByCode(code: $code) { id labelCode tracking receivedQuantity quantityOnHand category { name } line { description unit } } }";

    public string Name => "scan-lookup";

    public string Description => "itemByCode over HTTP, 32 concurrent clients, vs a bare GraphQL.NET endpoint answering from memory.";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var items = SampleItems(context);
        var bodies = items.Keys.Select(code => JsonSerializer.Serialize(new { query = Query, variables = new { code } })).ToArray();
        var duration = TimeSpan.FromSeconds(context.Scale.IsSmoke ? 1 : 5);
        context.Logger.LogInformation("{Count:N0} sampled codes; {Clients} clients, rounds of {Seconds} s", items.Count, Clients, duration.TotalSeconds);

        await using var bare = await BareGraphQLEndpoint.StartAsync(items, cancellationToken);
        await using var service = context.StartInProcess(context.CopyDatabase("scan"));
        using var bareClient = Http.CreateClient(bare.BaseAddress, null);
        using var serviceClient = service.CreateClient(context.Database.Volunteers[0].Key);
        await ProveSameAnswerAsync(serviceClient, bareClient, bodies[0], cancellationToken);

        using var collections = new GcPauseListener();
        var rounds = await Measure.RoundsAsync(context, async round =>
        {
            collections.Take();
            var (baseline, baselineCost) = await ProcessCost.OfAsync(() => LoadAsync(bareClient, bodies, duration, cancellationToken));
            var bareCollections = collections.Take();
            var (galaAid, galaAidCost) = await ProcessCost.OfAsync(() => LoadAsync(serviceClient, bodies, duration, cancellationToken));
            var galaAidCollections = collections.Take();
            if (round >= 0)
            {
                context.Logger.LogInformation(
                    "Round {Round}: GaLaAid {Rps:N0} req/s p50 {P50:0.00} ms p99 {P99:0.00} ms ({Errors} errors); bare {BareRps:N0} req/s p50 {BareP50:0.00} ms p99 {BareP99:0.00} ms",
                    round + 1, galaAid.RequestsPerSecond, galaAid.P50Milliseconds, galaAid.P99Milliseconds, galaAid.Errors,
                    baseline.RequestsPerSecond, baseline.P50Milliseconds, baseline.P99Milliseconds);
            }

            // Per request and load-independent (the load driver's share included, alike for both): shows
            // whether the code has settled and what garbage collection costs.
            context.Logger.LogInformation("{Phase} {Round}: GaLaAid {GaLaAid}; bare {Bare}",
                round < 0 ? "Warm-up" : "Round", round < 0 ? -round : round + 1, galaAidCost.PerRequest(galaAid.Requests), baselineCost.PerRequest(baseline.Requests));
            context.Logger.LogInformation("{Phase} {Round} collections: GaLaAid {GaLaAid}; bare {Bare}",
                round < 0 ? "Warm-up" : "Round", round < 0 ? -round : round + 1, galaAidCollections, bareCollections);

            return (GaLaAid: galaAid, Baseline: baseline);
        }, ExtraWarmupRounds(context));

        var errors = rounds.Sum(r => r.GaLaAid.Errors + r.Baseline.Errors);
        var firstError = rounds.Select(r => r.GaLaAid.FirstError ?? r.Baseline.FirstError).FirstOrDefault(e => e is not null);
        var throughput = Measure.Median(rounds.Select(r => r.GaLaAid.RequestsPerSecond));
        var baselineThroughput = Measure.Median(rounds.Select(r => r.Baseline.RequestsPerSecond));
        var p50 = Measure.Median(rounds.Select(r => r.GaLaAid.P50Milliseconds));
        var p99 = Measure.Median(rounds.Select(r => r.GaLaAid.P99Milliseconds));
        var baselineP99 = Measure.Median(rounds.Select(r => r.Baseline.P99Milliseconds));
        var requests = rounds.Sum(r => r.GaLaAid.Requests);
        return
        [
            ResultRow.AtLeastRatioOf("scan lookup: throughput", throughput, baselineThroughput, "req/s", 0.5,
                Invariant($"{Clients} clients, {context.WarmupRounds + ExtraWarmupRounds(context)} warm-up rounds, p50 {p50:0.00} ms (bare {Measure.Median(rounds.Select(r => r.Baseline.P50Milliseconds)):0.00} ms)")),
            ResultRow.AtMost("scan lookup: p99 latency", p99, 10, "ms", baselineP99, Invariant($"baseline column: bare endpoint's p99")),
            ResultRow.Exactly("scan lookup: errors", errors, 0, "requests", Invariant($"of {requests:N0} GaLaAid requests{(firstError is null ? string.Empty : $"; first: {firstError}")}")),
        ];
    }

    /// <summary>
    /// With the usual two warm-up rounds, the first measured round still cost both endpoints 1.6–1.8 times
    /// the CPU per request of the later ones (the JIT still tiering up); one more round settles both.
    /// </summary>
    private static int ExtraWarmupRounds(WorkloadContext context) => context.Scale.IsSmoke ? 0 : 1;

    private static Task<LoadResult> LoadAsync(HttpClient client, string[] bodies, TimeSpan duration, CancellationToken cancellationToken) =>
        LoadDriver.RunAsync(Clients, duration, (c, request) =>
            LoadDriver.PostGraphQLAsync(client, bodies[(int)((uint)(c * 7919 + request * 104729) % bodies.Length)], cancellationToken), cancellationToken);

    /// <summary>Both answer the same item with the same figures: the baseline does the same job, only without the service around it.</summary>
    private static async Task ProveSameAnswerAsync(HttpClient service, HttpClient bare, string body, CancellationToken cancellationToken)
    {
        using var fromService = JsonDocument.Parse(await PostAsync(service, body, cancellationToken));
        using var fromBare = JsonDocument.Parse(await PostAsync(bare, body, cancellationToken));
        var a = fromService.RootElement.GetProperty("data").GetProperty("itemByCode");
        var b = fromBare.RootElement.GetProperty("data").GetProperty("itemByCode");
        foreach (var field in new[] { "labelCode", "tracking", "receivedQuantity", "quantityOnHand" })
        {
            if (a.GetProperty(field).ToString() != b.GetProperty(field).ToString())
            {
                throw new InvalidOperationException($"The service and the bare endpoint answer {field} differently: {a} vs {b}.");
            }
        }
    }

    private static async Task<string> PostAsync(HttpClient client, string body, CancellationToken cancellationToken)
    {
        using var content = Http.Json(body);
        using var response = await client.PostAsync("graphql", content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode ? text : throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {text}");
    }

    /// <summary>Random items of the generated database, with what the scan query shows of them.</summary>
    private static Dictionary<string, BareItem> SampleItems(WorkloadContext context)
    {
        using var connection = context.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT i."Id", i."LabelCode", i."Tracking", i."ReceivedQuantity", i."QuantityOnHand", c."Name", l."Description", l."Unit"
            FROM "StockItems" i
            JOIN "DonationLines" l ON l."Id" = i."DonationLineId"
            JOIN "Categories" c ON c."Id" = l."CategoryId"
            WHERE i."Id" IN (SELECT "Id" FROM "StockItems" ORDER BY random() LIMIT $count)
            """;
        command.Parameters.AddWithValue("$count", SampleSize);
        using var reader = command.ExecuteReader();
        var items = new Dictionary<string, BareItem>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            var code = reader.GetString(1);
            items[code] = new BareItem(
                "Item:" + reader.GetInt32(0).ToString(CultureInfo.InvariantCulture),
                code,
                Enum.Parse<TrackingMode>(reader.GetString(2)),
                reader.GetInt32(3),
                reader.GetInt32(4),
                new BareCategory(reader.GetString(5)),
                new BareLine(reader.GetString(6), reader.GetString(7)));
        }

        return items;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
