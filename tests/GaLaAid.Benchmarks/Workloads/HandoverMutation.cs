using System.Globalization;
using System.Text.Json;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GaLaAid.Benchmarks.Harness;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GaLaAid.Benchmarks.Workloads;

/// <summary>
/// Distribution day: volunteers hand items over at the same time, each their own items, each with
/// their own account. recordHandover over HTTP (validation, one IMMEDIATE transaction, the guarded
/// stock update, the entry, the audit entry) against the floor of the storage: raw single-transaction
/// insert+commit with Microsoft.Data.Sqlite on a copy of the same file, at the service's own
/// journal mode and synchronous setting, by as many concurrent writers.
/// Targets: ≥ 50 % of the raw throughput, zero errors.
/// </summary>
internal sealed class HandoverMutation : IWorkload
{
    private const string Mutation =
        "mutation Handover($input: RecordHandoverInput!) { recordHandover(input: $input) { handover { id } errors { __typename ... on Error { code message } } } }";

    public string Name => "handover";

    public string Description => "recordHandover over HTTP by concurrent volunteers on different items, vs raw SQLite insert+commit at the same synchronous setting.";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var writers = Math.Min(16, context.Volunteers.Count);
        var duration = TimeSpan.FromSeconds(context.Scale.IsSmoke ? 1 : 5);
        var rounds = context.WarmupRounds + context.MeasuredRounds;
        var households = DatabaseSamples.Households(context, 5_000);
        var items = DatabaseSamples.OnHandPerUnitCodes(context, 200_000);
        var perClient = items.Length / (writers * rounds);
        if (perClient < 1)
        {
            throw new InvalidOperationException($"The {context.Scale.Name} database has {items.Length} items on hand, too few for {writers} volunteers over {rounds} rounds.");
        }

        context.Logger.LogInformation("{Writers} concurrent volunteers, {Items:N0} items on hand ({PerClient} per volunteer and round), rounds of {Seconds} s",
            writers, items.Length, perClient, duration.TotalSeconds);

        var servicePath = context.CopyDatabase("handover-service");
        var baselinePath = context.CopyDatabase("handover-raw");
        await using var service = context.StartInProcess(servicePath);
        var (journalMode, synchronous, _) = await ServiceSqliteSettings.ReadAsync(service);
        var clients = context.Volunteers.Take(writers).Select(v => service.CreateClient(v.Key)).ToArray();
        try
        {
            using var collections = new GcPauseListener();
            var nextRound = 0;
            var figures = await Measure.RoundsAsync(context, async _ =>
            {
                var round = nextRound++;
                var raw = await RawInsertCommitAsync(baselinePath, synchronous, writers, duration, cancellationToken);
                collections.Take();
                var (galaAid, cost) = await ProcessCost.OfAsync(() => LoadDriver.RunAsync(writers, duration, (client, request) =>
                {
                    var item = items[((round * writers) + client) * perClient + request];
                    var household = households[(client * 7919 + request) % households.Length];
                    var body = JsonSerializer.Serialize(new
                    {
                        query = Mutation,
                        variables = new
                        {
                            input = new
                            {
                                recipientId = GlobalId.Encode("Recipient", household.Id),
                                receivedBy = household.Head,
                                location = "benchmark",
                                lines = new[] { new { labelCode = item } },
                                idempotencyKey = Guid.NewGuid().ToString(),
                            },
                        },
                    });
                    return HandoverAsync(clients[client], body, cancellationToken);
                }, cancellationToken, perClient));
                context.Logger.LogInformation("GaLaAid {Rps:N1} handovers/s ({Errors} errors, p99 {P99:0.0} ms); raw {RawRps:N1} commits/s",
                    galaAid.RequestsPerSecond, galaAid.Errors, galaAid.P99Milliseconds, raw.RequestsPerSecond);
                // Per handover, the load driver's share included: CPU is what caps the rate on this machine.
                context.Logger.LogInformation("GaLaAid per handover: {Cost}; {Collections}", cost.PerRequest(galaAid.Requests), collections.Take());
                return (GaLaAid: galaAid, Raw: raw);
            });

            var errors = figures.Sum(f => f.GaLaAid.Errors);
            var firstError = figures.Select(f => f.GaLaAid.FirstError).FirstOrDefault(e => e is not null);
            var handovers = figures.Sum(f => f.GaLaAid.Requests);
            await ProveLedgerWholeAsync(service, cancellationToken);
            return
            [
                ResultRow.AtLeastRatioOf("handover: throughput", Measure.Median(figures.Select(f => f.GaLaAid.RequestsPerSecond)),
                    Measure.Median(figures.Select(f => f.Raw.RequestsPerSecond)), "commits/s", 0.5,
                    Invariant($"{writers} volunteers; p50 {Measure.Median(figures.Select(f => f.GaLaAid.P50Milliseconds)):0.0} ms, p99 {Measure.Median(figures.Select(f => f.GaLaAid.P99Milliseconds)):0.0} ms; baseline: raw BEGIN IMMEDIATE, INSERT handover + entry, COMMIT by {writers} writers taking turns; journal_mode={journalMode}, synchronous={synchronous}")),
                ResultRow.Exactly("handover: errors", errors, 0, "requests",
                    Invariant($"of {handovers:N0} handovers; every cached quantity re-checked against its entries afterwards{(firstError is null ? string.Empty : $"; first: {firstError}")}")),
            ];
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static async Task<string?> HandoverAsync(HttpClient client, string body, CancellationToken cancellationToken)
    {
        using var content = Http.Json(body);
        using var response = await client.PostAsync("graphql", content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode || text.Contains("\"errors\":[{", StringComparison.Ordinal) || !text.Contains("\"errors\":[]", StringComparison.Ordinal))
        {
            return text.Length <= 300 ? text : text[..300];
        }

        return null;
    }

    /// <summary>
    /// The storage floor of a handover: per transaction a handover row and its entry, inserted and
    /// committed with nothing else (no HTTP, no validation, no guard, no audit), by concurrent writers.
    /// </summary>
    private static Task<LoadResult> RawInsertCommitAsync(string path, long synchronous, int writers, TimeSpan duration, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30, Pooling = true }.ToString();
        var connections = new SqliteConnection[writers];
        // The writers take turns in the process, as the service's do (SqliteWriterTurns), so the floor
        // is the file's commit rate, not Microsoft.Data.Sqlite's sleeps between busy retries.
        var turns = new SemaphoreSlim(1, 1);
        return LoadDriver.RunAsync(writers, duration, async (writer, _) =>
        {
            await turns.WaitAsync(cancellationToken);
            try
            {
                InsertAndCommit(writer);
            }
            finally
            {
                turns.Release();
            }

            return null;
        }, cancellationToken).ContinueWith(result =>
        {
            foreach (var connection in connections)
            {
                connection?.Dispose();
            }

            turns.Dispose();
            return result.Result;
        }, cancellationToken, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        void InsertAndCommit(int writer)
        {
            var connection = connections[writer];
            if (connection is null)
            {
                connection = connections[writer] = new SqliteConnection(connectionString);
                connection.Open();
                using var pragma = connection.CreateCommand();
                pragma.CommandText = Invariant($"PRAGMA synchronous={synchronous};");
                pragma.ExecuteNonQuery();
            }

            using var transaction = connection.BeginTransaction(deferred: false);
            using var handover = connection.CreateCommand();
            handover.Transaction = transaction;
            handover.CommandText = """
                INSERT INTO "Handovers" ("RecipientId", "HandedOverBy", "ReceivedBy", "HandedOverAt", "Location", "RecordedBy", "RecordedAt")
                VALUES ((SELECT min("Id") FROM "Recipients" WHERE "Kind" = 'Household'), 'raw', 'raw', $now, 'benchmark', 'raw', $now)
                RETURNING "Id"
                """;
            handover.Parameters.AddWithValue("$now", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
            var handoverId = (long)handover.ExecuteScalar()!;
            using var entry = connection.CreateCommand();
            entry.Transaction = transaction;
            entry.CommandText = """
                INSERT INTO "StockEntries" ("StockItemId", "Kind", "Quantity", "HandoverId", "RecordedBy", "RecordedAt")
                VALUES (1, 'Distributed', 0, $handover, 'raw', $now)
                """;
            entry.Parameters.AddWithValue("$handover", handoverId);
            entry.Parameters.AddWithValue("$now", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
            entry.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    /// <summary>After the load the service's own verifier still accepts the ledger: every handover audited, every cached balance right.</summary>
    private static async Task ProveLedgerWholeAsync(InProcessService service, CancellationToken cancellationToken)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var mismatched = await db.StockItems
            .Where(i => i.QuantityOnHand != db.StockEntries.Where(e => e.StockItemId == i.Id).Sum(e => e.Quantity))
            .CountAsync(cancellationToken);
        if (mismatched > 0)
        {
            throw new InvalidOperationException($"{mismatched} items' cached quantities differ from their entries after the handovers.");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
