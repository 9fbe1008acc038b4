using System.Text.Json;
using System.Text.Json.Serialization;
using GaLaAid.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

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
    /// Sequence numbers must not fork. The head is read inside the write's transaction, and the entry
    /// is inserted by one statement that inserts it only while that head is still the trail's last
    /// entry. On SQLite a write transaction begins IMMEDIATE, so writers are serialized and the check
    /// always holds; on a database that lets writers overlap, an entry another writer appended first
    /// makes the statement insert nothing (no failed statement, so the transaction stays usable), and
    /// the append is retried on the new head. The write itself is not redone. The entry goes in past
    /// the change tracker: tracking and saving one row through EF cost more than the insert itself.
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
        var statements = AppendStatements.For(db);
        for (var attempt = 1; ; attempt++)
        {
            var (headSequence, headHash) = await ReadHeadAsync(db, statements, cancellationToken);
            var sequence = headSequence + 1;
            var previousHash = headHash ?? AuditHash.Genesis;
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
            if (await InsertIfHeadAsync(db, statements, entry, headSequence, cancellationToken))
            {
                return entry;
            }

            if (attempt == Attempts)
            {
                throw new InvalidOperationException($"The audit trail's head moved {Attempts} times while this write appended its entry; the write is rolled back.");
            }
        }
    }

    // Both statements go through EF's raw-SQL commands, not the connection's own: no LINQ to translate
    // and nothing tracked, yet command interceptors and logging still see them.
    private static async Task<(long Sequence, string? Hash)> ReadHeadAsync(AppDbContext db, AppendStatements statements, CancellationToken cancellationToken)
    {
        RequireTransaction(db);
        var command = db.GetService<IRawSqlCommandBuilder>().Build(statements.ReadHead);
        await using var reader = await command.ExecuteReaderAsync(new RelationalCommandParameterObject(
            db.GetService<IRelationalConnection>(), null, null, db, db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.ExecuteSqlRaw),
            cancellationToken);
        var head = reader.DbDataReader;
        return await head.ReadAsync(cancellationToken) ? (head.GetInt64(0), head.GetString(1)) : (0, null);
    }

    private static async Task<bool> InsertIfHeadAsync(AppDbContext db, AppendStatements statements, AuditEntry entry, long headSequence, CancellationToken cancellationToken)
    {
        RequireTransaction(db);
        var values = new object?[statements.Columns.Count + 1];
        for (var i = 0; i < statements.Columns.Count; i++)
        {
            var (getter, converter) = statements.Columns[i];
            var value = getter.GetClrValue(entry);
            values[i] = value is not null && converter is not null ? converter.ConvertToProvider(value) : value;
        }

        values[^1] = headSequence;
        return await db.Database.ExecuteSqlRawAsync(statements.InsertIfHead, values!, cancellationToken) == 1;
    }

    private static void RequireTransaction(AppDbContext db)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The audit entry is appended inside the write's transaction (AppDbContext.RunAsync).");
        }
    }

    /// <summary>The SQL of an append, built once from the model: table and column names as EF maps them.</summary>
    private sealed record AppendStatements(string ReadHead, string InsertIfHead, IReadOnlyList<(IClrPropertyGetter Getter, ValueConverter? Converter)> Columns)
    {
        private static AppendStatements? built;

        public static AppendStatements For(AppDbContext db) =>
            built ??= Build(db.Model.FindEntityType(typeof(AuditEntry))!, db.GetService<ISqlGenerationHelper>());

        private static AppendStatements Build(IEntityType entityType, ISqlGenerationHelper sql)
        {
            var table = sql.DelimitIdentifier(entityType.GetTableName()!);
            var properties = entityType.GetProperties().ToList();
            string Column(string property) => sql.DelimitIdentifier(entityType.FindProperty(property)!.GetColumnName());
            var sequence = Column(nameof(AuditEntry.Sequence));
            var readHead = $"SELECT {sequence}, {Column(nameof(AuditEntry.Hash))} FROM {table} ORDER BY {sequence} DESC LIMIT 1";
            var insert = $"INSERT INTO {table} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName())))}) "
                + $"SELECT {string.Join(", ", properties.Select((_, i) => $"{{{i}}}"))} "
                + $"WHERE COALESCE((SELECT MAX({sequence}) FROM {table}), 0) = {{{properties.Count}}}";
            return new AppendStatements(readHead, insert, properties.Select(p => (p.GetGetter(), p.GetTypeMapping().Converter)).ToList());
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
