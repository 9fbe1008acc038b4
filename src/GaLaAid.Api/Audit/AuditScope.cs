using GaLaAid.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GaLaAid.Api.Audit;

/// <summary>
/// The audit state of one request (or one startup task): which operation is running with which
/// input, and, while a write's transaction is open, every row the write inserted or updated.
/// </summary>
public sealed class AuditScope(CurrentActor actor)
{
    private readonly Dictionary<object, AuditedRow> written = new(ReferenceEqualityComparer.Instance);
    private readonly List<Task<AuditWrite[]>> bulkWrites = [];
    private string? operation;
    private string? input;
    private bool writing;

    public CurrentActor Actor => actor;

    /// <summary>Names the operation whose writes follow; its input is kept masked (<see cref="AuditInput"/>).</summary>
    public void Begin(string operationName, object? operationInput)
    {
        operation = operationName;
        input = AuditInput.Of(operationInput);
    }

    public void End()
    {
        operation = null;
        input = null;
    }

    internal (string Operation, string Input) StartWrite()
    {
        if (writing)
        {
            throw new InvalidOperationException("A write is already running in this scope; writes do not nest.");
        }

        if (operation is null || input is null)
        {
            throw new InvalidOperationException("Every write names its operation first (AuditScope.Begin), so the audit trail can record it.");
        }

        written.Clear();
        bulkWrites.Clear();
        writing = true;
        return (operation, input);
    }

    internal void EndWrite()
    {
        written.Clear();
        bulkWrites.Clear();
        writing = false;
    }

    /// <summary>The rows written so far in this write through EF, with "inserted" or "updated".</summary>
    internal IReadOnlyCollection<AuditedRow> Written => written.Values;

    /// <summary>The rows this write inserted in bulk, hashed while the write goes on (see <see cref="Inserted"/>).</summary>
    internal IReadOnlyList<Task<AuditWrite[]>> BulkWrites => bulkWrites;

    /// <summary>Records a row that exists without having been written through the trail (see <see cref="AuditTrail.AdoptUnrecordedRowsAsync"/>).</summary>
    internal void Adopt(EntityEntry entry) => written[entry.Entity] = new AuditedRow(entry.Metadata, entry.Entity, AuditChange.Inserted);

    /// <summary>
    /// Records rows this write inserts past the change tracker (<see cref="Data.BulkInsert"/>). Their
    /// objects hold exactly what the rows hold and nothing changes them afterwards (init-only
    /// properties, never tracked), so they are hashed on another core while the inserts run.
    /// </summary>
    internal void Inserted(IEntityType entityType, IReadOnlyList<object> rows)
    {
        if (!writing)
        {
            throw new InvalidOperationException("Rows are inserted only inside AppDbContext.RunAsync, so that every write is audited in its own transaction.");
        }

        var table = entityType.GetTableName()!;
        bulkWrites.Add(Task.Run(() => rows
            .Select(row => new AuditWrite(table, AuditedTables.IdOf(entityType, row), AuditChange.Inserted, AuditHash.Row(entityType, row)))
            .ToArray()));
    }

    /// <summary>Called as SaveChanges starts: notes what this save inserts and updates; refuses saves outside a write.</summary>
    internal void Capture(ChangeTracker changeTracker)
    {
        var changed = changeTracker.Entries()
            .Where(e => (e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) && AuditedTables.IsAudited(e.Metadata))
            .ToList();
        if (changed.Count == 0)
        {
            return;
        }

        if (!writing)
        {
            throw new InvalidOperationException("Rows are saved only inside AppDbContext.RunAsync, so that every write is audited in its own transaction.");
        }

        foreach (var entry in changed)
        {
            if (entry.State == EntityState.Deleted)
            {
                throw new InvalidOperationException($"The ledger is append-only: {entry.Metadata.DisplayName()} rows are never deleted.");
            }

            // A row inserted earlier in the same write and changed since is still an insert of this write.
            if (!written.TryGetValue(entry.Entity, out var known) || known.Change != AuditChange.Inserted)
            {
                written[entry.Entity] = new AuditedRow(entry.Metadata, entry.Entity, entry.State == EntityState.Added ? AuditChange.Inserted : AuditChange.Updated);
            }
        }
    }
}

/// <summary>One row of the running write: its table's entity type, the object that holds its values, and how it was written.</summary>
internal readonly record struct AuditedRow(IEntityType EntityType, object Entity, string Change);

public static class AuditChange
{
    public const string Inserted = "inserted";
    public const string Updated = "updated";
}
