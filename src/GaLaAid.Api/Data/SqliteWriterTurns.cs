using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Data;

/// <summary>
/// Lets this process's writers to one SQLite file take turns before they begin their transaction.
/// SQLite allows one writer at a time anyway; without the queue, writers that find the file locked
/// are retried by Microsoft.Data.Sqlite after sleeps of up to 150 ms, so on distribution day a few
/// dozen volunteers handing over at once spend most of their time asleep. Queued, each begins the
/// moment the one before commits. The transaction is still IMMEDIATE, so writers of other processes
/// are kept out as before.
/// </summary>
public static class SqliteWriterTurns
{
    /// <summary>As long as SQLite itself would wait for the lock; after that the write goes ahead and SQLite decides.</summary>
    private static readonly TimeSpan MostWait = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> ByFile = new(StringComparer.Ordinal);

    /// <summary>Waits for this file's turn; returns what to release when the write is done (null when nothing was taken).</summary>
    public static async Task<SemaphoreSlim?> EnterAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite() || db.Database.GetConnectionString() is not { } connectionString)
        {
            return null;
        }

        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (file == ":memory:")
        {
            return null;
        }

        var queue = ByFile.GetOrAdd(file, _ => new SemaphoreSlim(1, 1));
        return await queue.WaitAsync(MostWait, cancellationToken) ? queue : null;
    }
}
