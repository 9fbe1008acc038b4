using System.Globalization;
using GaLaAid.Api.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GaLaAid.Api.Data;

public static class DatabaseSetup
{
    public const string DefaultPath = "data/galaaid.db";

    /// <summary>The audit trail's operation name for the rows that applied migrations brought.</summary>
    public const string MigrateOperation = "migrate";

    /// <summary>
    /// SQLite by default (one file, created on first run), PostgreSQL when Database:Provider says so.
    /// </summary>
    public static IServiceCollection AddGaLaAidDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Database:Provider '{provider}' is not supported by this build; use 'Sqlite'. PostgreSQL support is planned on the same provider-neutral model.");
        }

        var connectionString = SqliteConnectionString(configuration, contentRoot);
        var connectionSettings = new SqliteConnectionSettings();
        // Contexts are pooled and their options built once: per request, building them cost more CPU than a scan's query.
        services.AddPooledDbContextFactory<AppDbContext>((serviceProvider, options) => options
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(AppDbContext).Assembly.GetName().Name))
            // Building the model from the configurations took about a second of every start-up (mostly JIT);
            // the compiled model is generated code. CompiledModelTests fail when it falls out of step.
            .UseModel(CompiledModel.AppDbContextModel.Instance)
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .AddInterceptors(serviceProvider.GetServices<IInterceptor>().Prepend(connectionSettings)));
        // The scan's own prepared statement (SQLite only; without it itemByCode reads through EF).
        services.AddSingleton(_ => new Stock.ItemScanReader(connectionString));
        services.AddScoped(serviceProvider => serviceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>()
            .CreateDbContext()
            .ServeScope(serviceProvider.GetRequiredService<AuditScope>()));
        return services;
    }

    /// <summary>A relative database path is taken from the content root (the project folder under dotnet run).</summary>
    public static string SqliteConnectionString(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration.GetConnectionString("GaLaAid");
        var builder = new SqliteConnectionStringBuilder(configured ?? string.Empty);
        if (string.IsNullOrEmpty(builder.DataSource))
        {
            builder.DataSource = configuration["Database:Path"] ?? DefaultPath;
        }

        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
        }

        builder.DefaultTimeout = 30;
        builder.Pooling = true;
        return builder.ToString();
    }

    /// <summary>Creates the database file if needed, switches it to WAL and applies pending migrations.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pending = new List<string>();
        if (db.Database.IsSqlite())
        {
            var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory) && path != ":memory:")
            {
                Directory.CreateDirectory(directory);
            }

            // WAL lets readers continue while a write commits; the mode is stored in the file.
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                pending = await PendingMigrationsAsync(db, cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        else
        {
            pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        }

        if (pending.Count > 0)
        {
            // Only when there is something to apply: with nothing pending, Migrate would still take the
            // migrations lock and compare the model with the snapshot, which costs every start-up time.
            await db.Database.MigrateAsync(cancellationToken);

            // Rows a migration inserts (the default categories), and on the first start with the
            // trail everything written before it, enter the trail here, so that verification can
            // tell them from rows put in past the API.
            db.Audit.Actor.ActAs(CurrentActor.System);
            db.Audit.Begin(MigrateOperation, new { migrations = pending });
            await db.RunAsync(async () =>
            {
                await AuditTrail.AdoptUnrecordedRowsAsync(db, db.Audit, cancellationToken);
                return pending.Count;
            }, cancellationToken);
        }
    }

    /// <summary>
    /// The migrations of this build that the file has not recorded as applied. EF's own
    /// GetPendingMigrations builds a model for its history table through the whole conventions pipeline
    /// (about a second of JIT at every start, although the service itself runs on the compiled model);
    /// the history table is read here with one plain query instead. Any pending migration is then
    /// applied by EF's Migrate as before.
    /// </summary>
    private static async Task<List<string>> PendingMigrationsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var exists = connection.CreateCommand())
        {
            exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
            exists.Parameters.Add(new SqliteParameter("$name", HistoryRepository.DefaultTableName));
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0)
            {
                await using var read = connection.CreateCommand();
                read.CommandText = $"SELECT \"MigrationId\" FROM \"{HistoryRepository.DefaultTableName}\"";
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetString(0));
                }
            }
        }

        return db.Database.GetMigrations().Where(id => !applied.Contains(id)).ToList();
    }
}
