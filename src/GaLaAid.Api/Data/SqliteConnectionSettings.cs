using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace GaLaAid.Api.Data;

/// <summary>
/// Per-connection SQLite settings, applied the first time EF opens each native connection. SQLite keeps a page
/// cache per connection (2 MB by default) and the pool holds one connection per concurrent request,
/// so on distribution day dozens of private caches would hold copies of the same pages; a small
/// cache each leaves the sharing to the operating system's file cache, and keeps the resident set low.
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    /// <summary>Negative: kibibytes, not pages.</summary>
    public const int CacheSizeKibibytes = 512;

    private static readonly string Pragmas = $"PRAGMA cache_size=-{CacheSizeKibibytes};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The native connections already set. Microsoft.Data.Sqlite's pool hands the same native
    /// connection to many opens, and the setting stays with it; sending the PRAGMA on every open
    /// was one more SQL command for every request.
    /// </summary>
    private static readonly ConditionalWeakTable<sqlite3, object> Configured = [];

    private static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || Configured.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = sqlite.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Configured.TryAdd(handle, Pragmas);
    }
}
