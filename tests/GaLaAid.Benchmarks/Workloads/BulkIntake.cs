using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaLaAid.Api.Audit;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GaLaAid.Benchmarks.Harness;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GaLaAid.Benchmarks.Workloads;

/// <summary>
/// A truck of donated goods: one <c>recordInKindDonation</c> over HTTP with one PER_UNIT line of
/// 100,000 units (validation, unique label codes, one transaction, the items, their Received
/// entries, the audit entry naming every row), against the storage floor: the same rows (the
/// donation, its line, the items, their entries) inserted by prepared Microsoft.Data.Sqlite
/// statements in one transaction on a copy of the same file, at the service's journal mode and
/// synchronous setting. Target: ≥ 30 % of the raw rows per second.
/// </summary>
internal sealed class BulkIntake : IWorkload
{
    private const string Mutation =
        "mutation Intake($input: RecordInKindDonationInput!) { recordInKindDonation(input: $input) { inKindDonation { id totalQuantity } errors { __typename ... on Error { code message } } } }";

    public string Name => "bulk-intake";

    public string Description => "recordInKindDonation of one 100,000-unit PER_UNIT line over HTTP, vs raw prepared inserts of the same rows in one transaction.";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var units = context.Scale.IsSmoke ? 1_000 : 100_000;
        // The donation, its line, and per unit an item and its Received entry.
        var rows = 2 + (2L * units);
        var (donorId, categoryId) = DonorAndKind(context);
        var servicePath = context.CopyDatabase("bulk-intake-service");
        var baselinePath = context.CopyDatabase("bulk-intake-raw");
        await using var service = context.StartInProcess(servicePath);
        var (journalMode, synchronous, cacheSize) = await ServiceSqliteSettings.ReadAsync(service);
        using var client = service.CreateClient(context.StaffKey);
        var body = DonationBody(donorId, categoryId, units, "32寸液晶电视");
        context.Logger.LogInformation("{Units:N0} units per donation ({Rows:N0} rows); journal_mode={Journal}, synchronous={Synchronous}, cache_size={CacheSize}", units, rows, journalMode, synchronous, cacheSize);

        var figures = await Measure.RoundsAsync(context, async round =>
        {
            var raw = RawInsert(baselinePath, synchronous, cacheSize, donorId, categoryId, units, round);
            var started = Stopwatch.GetTimestamp();
            var donation = await RecordAsync(client, body, units, cancellationToken);
            var galaAid = Stopwatch.GetElapsedTime(started);
            context.Logger.LogInformation("Round {Round}: GaLaAid {Seconds:0.000} s ({Rps:N0} rows/s); raw {RawSeconds:0.000} s ({RawRps:N0} rows/s)",
                round + 1, galaAid.TotalSeconds, rows / galaAid.TotalSeconds, raw.TotalSeconds, rows / raw.TotalSeconds);
            return (GaLaAid: rows / galaAid.TotalSeconds, Raw: rows / raw.TotalSeconds, Donation: donation);
        });

        var (audited, expected) = await AuditedRowsOfLastDonationAsync(service, units, cancellationToken);
        return
        [
            ResultRow.AtLeastRatioOf("bulk intake: 100k-unit donation", Measure.Median(figures.Select(f => f.GaLaAid)),
                Measure.Median(figures.Select(f => f.Raw)), "rows/s", 0.30,
                Invariant($"{units:N0} units = {rows:N0} rows per donation over HTTP; baseline: the same rows by prepared INSERTs in one transaction; journal_mode={journalMode}, synchronous={synchronous}, cache_size={cacheSize}")),
            ResultRow.Exactly("bulk intake: rows its audit entry names", audited, expected, "rows",
                "the last donation's audit entry lists the donation, its line, every item and every Received entry"),
        ];
    }

    private static async Task<string> RecordAsync(HttpClient client, string body, int units, CancellationToken cancellationToken)
    {
        using var content = Http.Json(body);
        using var response = await client.PostAsync("graphql", content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var payload = response.IsSuccessStatusCode ? JsonNode.Parse(text)?["data"]?["recordInKindDonation"] : null;
        var donation = payload?["inKindDonation"];
        if (donation is null || payload!["errors"]!.AsArray().Count > 0 || (long)donation["totalQuantity"]! != units)
        {
            throw new InvalidOperationException($"recordInKindDonation failed: {(text.Length <= 300 ? text : text[..300])}");
        }

        return (string)donation["id"]!;
    }

    /// <summary>
    /// The storage floor of the same donation: its rows inserted by prepared statements in one
    /// IMMEDIATE transaction, ids assigned as the service assigns them (after the table's largest),
    /// codes made up in advance. No validation, no code check, no audit.
    /// </summary>
    private static TimeSpan RawInsert(string path, long synchronous, long cacheSize, long donorId, long categoryId, int units, int round)
    {
        var codes = Enumerable.Range(0, units).Select(i => Invariant($"RAW{round + 100:000}-{i:0000000}")).ToArray();
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = Invariant($"PRAGMA synchronous={synchronous}; PRAGMA cache_size={cacheSize};");
            pragma.ExecuteNonQuery();
        }

        var started = Stopwatch.GetTimestamp();
        using var transaction = connection.BeginTransaction(deferred: false);
        var donationId = Scalar(connection, transaction, """
            INSERT INTO "InKindDonations" ("DonorId", "ReceivedOn", "Note", "RecordedBy", "RecordedAt") VALUES ($donor, '2026-11-30', 'raw', 'raw', $now) RETURNING "Id"
            """, ("$donor", donorId), ("$now", now));
        var lineId = Scalar(connection, transaction, """
            INSERT INTO "DonationLines" ("DonationId", "LineNumber", "CategoryId", "Description", "Quantity", "Unit", "EstimatedUnitValueFen", "Condition", "Tracking")
            VALUES ($donation, 1, $category, '32寸液晶电视', $units, '台', 12000, 'New', 'PerUnit') RETURNING "Id"
            """, ("$donation", donationId), ("$category", categoryId), ("$units", units));
        var firstItemId = Scalar(connection, transaction, """SELECT COALESCE(MAX("Id"), 0) + 1 FROM "StockItems" """);
        var firstEntryId = Scalar(connection, transaction, """SELECT COALESCE(MAX("Id"), 0) + 1 FROM "StockEntries" """);

        using var item = connection.CreateCommand();
        item.Transaction = transaction;
        item.CommandText = """
            INSERT INTO "StockItems" ("Id", "DonationLineId", "Tracking", "LabelCode", "ReceivedQuantity", "QuantityOnHand") VALUES ($id, $line, 'PerUnit', $code, 1, 1)
            """;
        var itemId = item.Parameters.Add("$id", SqliteType.Integer);
        item.Parameters.AddWithValue("$line", lineId);
        var code = item.Parameters.Add("$code", SqliteType.Text);
        item.Prepare();
        for (var i = 0; i < units; i++)
        {
            itemId.Value = firstItemId + i;
            code.Value = codes[i];
            item.ExecuteNonQuery();
        }

        using var entry = connection.CreateCommand();
        entry.Transaction = transaction;
        entry.CommandText = """
            INSERT INTO "StockEntries" ("Id", "StockItemId", "Kind", "Quantity", "RecordedBy", "RecordedAt") VALUES ($id, $item, 'Received', 1, 'raw', $now)
            """;
        var entryId = entry.Parameters.Add("$id", SqliteType.Integer);
        var entryItem = entry.Parameters.Add("$item", SqliteType.Integer);
        entry.Parameters.AddWithValue("$now", now);
        entry.Prepare();
        for (var i = 0; i < units; i++)
        {
            entryId.Value = firstEntryId + i;
            entryItem.Value = firstItemId + i;
            entry.ExecuteNonQuery();
        }

        transaction.Commit();
        return Stopwatch.GetElapsedTime(started);
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>How many rows the newest audit entry (the last donation's) names, and how many it must.</summary>
    private static async Task<(int Audited, int Expected)> AuditedRowsOfLastDonationAsync(InProcessService service, int units, CancellationToken cancellationToken)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var head = await db.AuditEntries.OrderByDescending(e => e.Sequence).Select(e => new { e.Operation, e.Writes }).FirstAsync(cancellationToken);
        var writes = head.Operation == "recordInKindDonation" ? AuditWrite.FromJson(head.Writes) : null;
        return (writes?.Count ?? -1, 2 + (2 * units));
    }

    /// <summary>The GraphQL request recording a donation of one PER_UNIT line of this many units.</summary>
    internal static string DonationBody(long donorId, long categoryId, int units, string description) => JsonSerializer.Serialize(new
    {
        query = Mutation,
        variables = new
        {
            input = new
            {
                donorId = GlobalId.Encode("Donor", donorId),
                receivedOn = "2026-11-30",
                note = "benchmark",
                lines = new[] { new { categoryId = GlobalId.Encode("Category", categoryId), description, quantity = units, estimatedUnitValueFen = 12_000, tracking = "PER_UNIT" } },
            },
        },
    });

    /// <summary>A donor and a kind of goods of the generated database, to donate from and as.</summary>
    internal static (long DonorId, long CategoryId) DonorAndKind(WorkloadContext context)
    {
        using var connection = context.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT MIN("Id") FROM "Donors"), (SELECT MIN("Id") FROM "Categories" WHERE "ParentId" IS NOT NULL)
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
