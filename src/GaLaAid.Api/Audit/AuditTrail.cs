using System.Text.Json;
using System.Text.Json.Serialization;
using GaLaAid.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Audit;

/// <summary>One row an operation wrote, as its audit entry lists it.</summary>
public sealed record AuditWrite(
    [property: JsonPropertyName("table")] string Table,
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("change")] string Change,
    [property: JsonPropertyName("rowHash")] string RowHash)
{
    private static readonly JsonSerializerOptions Options = new();

    public static string ToJson(IEnumerable<AuditWrite> writes) => JsonSerializer.Serialize(writes, Options);

    /// <summary>The writes of a stored entry; null when its text is not a list of writes (the entry was tampered with).</summary>
    public static IReadOnlyList<AuditWrite>? FromJson(string json)
    {
        try
        {
            var writes = JsonSerializer.Deserialize<List<AuditWrite>>(json, Options);
            return writes is not null && writes.All(w => w is { Table: not null, Change: not null, RowHash: not null }) ? writes : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Appends entries to the trail, inside the transaction of the write they record.</summary>
public static class AuditTrail
{
    /// <summary>How often an append is retried when another writer took the next sequence number first.</summary>
    private const int Attempts = 5;

    /// <summary>Below this many rows, hashing on one thread is cheaper than sharing the work out.</summary>
    private const int ParallelHashingFrom = 5_000;

    /// <summary>
    /// Appends the entry for the write that is about to commit: the rows captured from its saves,
    /// hashed as they are now (ids generated, every save done), chained to the current head.
    /// </summary>
    /// <remarks>
    /// Sequence numbers must not fork. On SQLite a write transaction begins IMMEDIATE, so writers
    /// are serialized and the head read here cannot change before commit. On a database that lets
    /// writers overlap (PostgreSQL), a racing writer that appended the same sequence first makes
    /// this insert fail on the primary key; EF rolls the failed save back to its savepoint, and the
    /// append is retried on the new head. The write itself is not redone.
    /// </remarks>
    public static async Task<AuditEntry> AppendAsync(AppDbContext db, AuditScope scope, string operation, string input, CancellationToken cancellationToken)
    {
        var bulk = await Task.WhenAll(scope.BulkWrites);
        // A write that saved thousands of rows through EF has them hashed on every core.
        var writes = (scope.Written.Count >= ParallelHashingFrom
                ? scope.Written.AsParallel().WithDegreeOfParallelism(Environment.ProcessorCount).Select(ToWrite).ToList()
                // PLINQ's tasks would wait for a free pool thread while every other writer waits for this one.
                : scope.Written.Select(ToWrite).ToList())
            .Concat(bulk.SelectMany(b => b))
            .OrderBy(w => w.Table, StringComparer.Ordinal)
            .ThenBy(w => w.Id)
            .ToList();
        var writesJson = AuditWrite.ToJson(writes);
        var recordedAt = AuditHash.ToMicroseconds(scope.Actor.Now);
        for (var attempt = 1; ; attempt++)
        {
            var head = await db.AuditEntries
                .OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash })
                .FirstOrDefaultAsync(cancellationToken);
            var sequence = (head?.Sequence ?? 0) + 1;
            var previousHash = head?.Hash ?? AuditHash.Genesis;
            var entry = new AuditEntry
            {
                Sequence = sequence,
                RecordedAt = recordedAt,
                Actor = scope.Actor.Name,
                Operation = operation,
                Input = input,
                Writes = writesJson,
                PreviousHash = previousHash,
                Hash = AuditHash.Entry(sequence, recordedAt, scope.Actor.Name, operation, input, writesJson, previousHash),
            };
            db.AuditEntries.Add(entry);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return entry;
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                db.Entry(entry).State = EntityState.Detached;
                if (!await db.AuditEntries.AnyAsync(e => e.Sequence == sequence, cancellationToken))
                {
                    throw;
                }
            }
        }
    }

    private static AuditWrite ToWrite(AuditedRow row) => new(
        row.EntityType.GetTableName()!,
        AuditedTables.IdOf(row.EntityType, row.Entity),
        row.Change,
        AuditHash.Row(row.EntityType, row.Entity));

    /// <summary>
    /// Records in one entry every row that no entry records yet: the rows migrations insert (the
    /// default categories) and, when the trail is added to an existing database, everything before it.
    /// </summary>
    public static async Task AdoptUnrecordedRowsAsync(AppDbContext db, AuditScope scope, CancellationToken cancellationToken)
    {
        var recorded = await AuditVerifier.RecordedRowsAsync(db, cancellationToken);
        foreach (var entityType in AuditedTables.All(db))
        {
            var table = entityType.GetTableName()!;
            var known = recorded.GetValueOrDefault(table);
            var after = long.MinValue;
            while (true)
            {
                var ids = await AuditedTables.IdsAfterAsync(db, entityType, after, AuditVerifier.PageSize, cancellationToken);
                if (ids.Count == 0)
                {
                    break;
                }

                after = ids[^1];
                var unrecorded = ids.Where(id => known?.Contains(id) != true).ToList();
                if (unrecorded.Count > 0)
                {
                    foreach (var row in (await AuditedTables.LoadAsync(db, entityType, unrecorded, cancellationToken)).Values)
                    {
                        scope.Adopt(db.Entry(row));
                    }
                }
            }
        }
    }
}
