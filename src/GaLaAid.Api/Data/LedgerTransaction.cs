using GaLaAid.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Data;

public static class LedgerTransaction
{
    /// <summary>
    /// Runs one write as one transaction: everything it adds is saved and committed together, or,
    /// when it throws (a refusal or a fault), rolled back with nothing written. On SQLite the
    /// transaction begins IMMEDIATE, so concurrent writers queue on the database lock instead of
    /// reading stale balances.
    /// </summary>
    public static async Task<T> RunAsync<T>(this AppDbContext db, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var result = await write();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            throw;
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
