using GaLaAid.Api.Audit;
using GaLaAid.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Data;

public static class LedgerTransaction
{
    /// <summary>
    /// Runs one write as one transaction: everything it adds is saved and committed together with
    /// the audit entry that records it, or, when it throws (a refusal or a fault), rolled back with
    /// nothing written and nothing audited. On SQLite the transaction begins IMMEDIATE, so concurrent
    /// writers queue on the database lock instead of reading stale balances or the same audit head;
    /// this process's writers first take turns (<see cref="SqliteWriterTurns"/>) rather than sleep in retries.
    /// The operation must have been named first (<see cref="AuditScope.Begin"/>).
    /// </summary>
    public static async Task<T> RunAsync<T>(this AppDbContext db, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        var (operation, input) = db.Audit.StartWrite();
        SemaphoreSlim? turn = null;
        try
        {
            // Inside the try: a request cancelled while it waits for its turn still ends its write.
            turn = await SqliteWriterTurns.EnterAsync(db, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // A savepoint per save lets a failed save be retried inside the transaction; on SQLite
            // the writers are serialized and any failure rolls the whole write back, so each would
            // only add two statements to the time the other writers wait.
            var savepoints = db.Database.AutoSavepointsEnabled;
            db.Database.AutoSavepointsEnabled = !db.Database.IsSqlite();
            try
            {
                var result = await write();
                await db.SaveChangesAsync(cancellationToken);
                await AuditTrail.AppendAsync(db, db.Audit, operation, input, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch
            {
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                throw;
            }
            finally
            {
                db.Database.AutoSavepointsEnabled = savepoints;
            }
        }
        finally
        {
            turn?.Release();
            db.Audit.EndWrite();
        }
    }

    /// <summary>Throws the collected validation errors, if any, before anything touches the database.</summary>
    public static void ThrowIfAny(this List<DomainError> errors)
    {
        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }
    }
}
