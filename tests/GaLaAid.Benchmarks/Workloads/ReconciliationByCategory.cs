using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaLaAid.Benchmarks.Harness;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace GaLaAid.Benchmarks.Workloads;

/// <summary>
/// The auditor's first question at province scale: the <c>reconciliation</c> query grouped by
/// CATEGORY over the whole generated ledger, for a period in its middle, over HTTP, against the
/// equivalent hand-written SQL on the same file: the same conditional sums per category of every
/// goods entry, the cached on-hand quantities per category, and the categories' names: every figure
/// the answer holds. Target: ≤ 1.5 × the hand-written SQL's time.
/// </summary>
internal sealed class ReconciliationByCategory : IWorkload
{
    private const string Query = """
        query Reconcile($from: DateTime, $to: DateTime) {
          reconciliation(from: $from, to: $to, groupBy: CATEGORY) {
            balances
            rows {
              id name balances
              goods {
                quantity { opening received distributed adjusted reversed closing after adds }
                valueFen { opening received distributed adjusted reversed closing after adds }
                cachedQuantityOnHand cachedValueOnHandFen balances
              }
            }
            totals { goods { quantity { closing } valueFen { closing } cachedQuantityOnHand } }
          }
        }
        """;

    /// <summary>What the service computes, written by hand: one GROUP BY over the entries, one over the items' cached quantities, the names.</summary>
    private const string HandWrittenSums = """
        SELECT l."CategoryId",
          SUM(CASE WHEN e."RecordedAt" < $from THEN e."Quantity" ELSE 0 END),
          SUM(CASE WHEN e."RecordedAt" >= $from AND e."RecordedAt" < $to AND e."Kind" = 'Received' THEN e."Quantity" ELSE 0 END),
          SUM(CASE WHEN e."RecordedAt" >= $from AND e."RecordedAt" < $to AND e."Kind" = 'Distributed' THEN e."Quantity" ELSE 0 END),
          SUM(CASE WHEN e."RecordedAt" >= $from AND e."RecordedAt" < $to AND e."Kind" = 'Adjusted' THEN e."Quantity" ELSE 0 END),
          SUM(CASE WHEN e."RecordedAt" >= $from AND e."RecordedAt" < $to AND e."Kind" = 'Reversal' THEN e."Quantity" ELSE 0 END),
          SUM(CASE WHEN e."RecordedAt" < $to THEN e."Quantity" ELSE 0 END),
          SUM(CASE WHEN e."RecordedAt" >= $to THEN e."Quantity" ELSE 0 END),
          SUM(CASE WHEN e."RecordedAt" < $from THEN e."Quantity" * l."EstimatedUnitValueFen" ELSE 0 END),
          SUM(CASE WHEN e."RecordedAt" >= $from AND e."RecordedAt" < $to AND e."Kind" = 'Received' THEN e."Quantity" * l."EstimatedUnitValueFen" ELSE 0 END),
          SUM(CASE WHEN e."RecordedAt" >= $from AND e."RecordedAt" < $to AND e."Kind" = 'Distributed' THEN e."Quantity" * l."EstimatedUnitValueFen" ELSE 0 END),
          SUM(CASE WHEN e."RecordedAt" >= $from AND e."RecordedAt" < $to AND e."Kind" = 'Adjusted' THEN e."Quantity" * l."EstimatedUnitValueFen" ELSE 0 END),
          SUM(CASE WHEN e."RecordedAt" >= $from AND e."RecordedAt" < $to AND e."Kind" = 'Reversal' THEN e."Quantity" * l."EstimatedUnitValueFen" ELSE 0 END),
          SUM(CASE WHEN e."RecordedAt" < $to THEN e."Quantity" * l."EstimatedUnitValueFen" ELSE 0 END),
          SUM(CASE WHEN e."RecordedAt" >= $to THEN e."Quantity" * l."EstimatedUnitValueFen" ELSE 0 END)
        FROM "StockEntries" e
        JOIN "StockItems" i ON i."Id" = e."StockItemId"
        JOIN "DonationLines" l ON l."Id" = i."DonationLineId"
        GROUP BY l."CategoryId";
        SELECT l."CategoryId", SUM(i."QuantityOnHand"), SUM(i."QuantityOnHand" * l."EstimatedUnitValueFen")
        FROM "StockItems" i JOIN "DonationLines" l ON l."Id" = i."DonationLineId"
        GROUP BY l."CategoryId";
        SELECT "Id", "Name" FROM "Categories";
        """;

    public string Name => "reconciliation";

    public string Description => "reconciliation(groupBy: CATEGORY) over the whole ledger over HTTP, vs the equivalent hand-written SQL on the same file.";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var (from, to) = MiddleThird(context);
        var body = JsonSerializer.Serialize(new { query = Query, variables = new { from, to } });
        await using var service = context.StartInProcess(context.CopyDatabase("reconciliation"));
        using var client = service.CreateClient(context.AuditorKey);
        var (_, _, cacheSize) = await ServiceSqliteSettings.ReadAsync(service);
        using var connection = context.OpenConnection();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size={cacheSize};");
            pragma.ExecuteNonQuery();
        }

        context.Logger.LogInformation("{Entries:N0} ledger entries; period {From:O} to {To:O}; cache_size={CacheSize} as the service's", context.Database.Counts.LedgerEntries, from, to, cacheSize);

        var figures = await Measure.RoundsAsync(context, async round =>
        {
            var started = Stopwatch.GetTimestamp();
            var handClosing = HandWritten(connection, from, to);
            var baseline = Stopwatch.GetElapsedTime(started);
            started = Stopwatch.GetTimestamp();
            var answer = await ReconcileAsync(client, body, cancellationToken);
            var galaAid = Stopwatch.GetElapsedTime(started);
            context.Logger.LogInformation("Round {Round}: GaLaAid {Ms:N0} ms; hand-written SQL {BaselineMs:N0} ms",
                round + 1, galaAid.TotalMilliseconds, baseline.TotalMilliseconds);
            return (GaLaAid: galaAid.TotalMilliseconds, Baseline: baseline.TotalMilliseconds, Answer: answer, HandClosing: handClosing);
        });

        var last = figures[^1];
        var closing = (long)last.Answer["totals"]!["goods"]!["quantity"]!["closing"]!;
        return
        [
            ResultRow.AtMostRatioOf("reconciliation by category", Measure.Median(figures.Select(f => f.GaLaAid)),
                Measure.Median(figures.Select(f => f.Baseline)), "ms", 1.5,
                Invariant($"{context.Database.Counts.LedgerEntries:N0} ledger entries, {last.Answer["rows"]!.AsArray().Count} categories, over HTTP; baseline: the same sums, cached on-hand and names by hand-written SQL, cache_size={cacheSize} as the service's")),
            ResultRow.Exactly("reconciliation: closing stock differs from SQL by", closing - last.HandClosing, 0, "units",
                Invariant($"the answer's closing quantity {closing:N0} against the hand-written sum; the ledger balances: {last.Answer["balances"]}")),
        ];
    }

    private static async Task<JsonNode> ReconcileAsync(HttpClient client, string body, CancellationToken cancellationToken)
    {
        using var content = Http.Json(body);
        using var response = await client.PostAsync("graphql", content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var answer = response.IsSuccessStatusCode && !text.Contains("\"errors\"", StringComparison.Ordinal)
            ? JsonNode.Parse(text)?["data"]?["reconciliation"]
            : null;
        return answer ?? throw new InvalidOperationException($"reconciliation failed: {(text.Length <= 300 ? text : text[..300])}");
    }

    /// <summary>Runs the hand-written SQL, reads every figure, and returns the closing quantity summed over the categories.</summary>
    private static long HandWritten(SqliteConnection connection, DateTime from, DateTime to)
    {
        using var command = connection.CreateCommand();
        command.CommandText = HandWrittenSums;
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        using var reader = command.ExecuteReader();
        var closing = 0L;
        var figures = 0L;
        do
        {
            while (reader.Read())
            {
                for (var column = 1; column < reader.FieldCount; column++)
                {
                    figures += reader.IsDBNull(column) || reader.GetFieldType(column) == typeof(string) ? 0 : 1;
                }

                closing += reader.FieldCount == 15 ? reader.GetInt64(6) : 0;
            }
        }
        while (reader.NextResult());

        return figures > 0 ? closing : throw new InvalidOperationException("The hand-written reconciliation read no figures.");
    }

    /// <summary>The middle third of the time the ledger's goods entries span: opening, period and after all hold entries.</summary>
    private static (DateTime From, DateTime To) MiddleThird(WorkloadContext context)
    {
        using var connection = context.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT MIN("RecordedAt"), MAX("RecordedAt") FROM "StockEntries" """;
        using var reader = command.ExecuteReader();
        reader.Read();
        var first = DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc);
        var last = DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc);
        var third = (last - first) / 3;
        return (first + third, first + third + third);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
