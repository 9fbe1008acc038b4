using System.Diagnostics;
using System.Reflection;
using GaLaAid.Api.Audit;
using GaLaAid.Api.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GaLaAid.Benchmarks.Data;

/// <summary>
/// Builds a database the service accepts as its own, at a chosen scale: the schema by the service's
/// own migrations; the rows inserted in bulk through prepared statements in one transaction, keeping
/// every ledger invariant (cached balances equal the sums of entries, unique valid label codes,
/// handovers with their entries, no negative stock, no overdrawn fund); then the service's own
/// adoption code records them all in the audit trail as one import entry, and its own verifier
/// checks the result. Cached on disk by scale; a cached file is reused while its fingerprint fits.
/// </summary>
internal sealed class DataGenerator(ScaleProfile scale, ILogger logger)
{
    /// <summary>Raise when the generated data changes shape, so cached databases are made again.</summary>
    private const int GeneratorVersion = 1;

    public const string Actor = "bench-generator";
    public const string ImportOperation = "import";

    private readonly Random random = new(20161027);

    /// <summary>Generator version, scale and the service's migrations: a cached database fits only the same three.</summary>
    public string Fingerprint
    {
        get
        {
            var migrations = typeof(AppDbContext).Assembly.GetTypes()
                .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
                .OfType<string>()
                .Order(StringComparer.Ordinal);
            return $"v{GeneratorVersion};{scale.Name};{string.Join(',', migrations)}";
        }
    }

    /// <summary>The cached database of this scale in the directory, generated first if it is missing or stale.</summary>
    public async Task<GeneratedDatabase> EnsureAsync(string directory, bool regenerate, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{scale.Name}.db");
        if (!regenerate && GeneratedDatabase.TryLoad(path, Fingerprint) is { } cached)
        {
            logger.LogInformation("Reusing the {Scale} database {Path}: {Entries:N0} ledger entries, generated {GeneratedAt:u}",
                scale.Name, path, cached.Counts.LedgerEntries, cached.GeneratedAt);
            return cached;
        }

        return await GenerateAsync(path, cancellationToken);
    }

    private async Task<GeneratedDatabase> GenerateAsync(string path, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var building = path + ".partial";
        DeleteDatabase(building);
        DeleteDatabase(path);
        logger.LogInformation("Generating the {Scale} database at {Path}", scale.Name, path);

        await using (var service = ServiceDatabase.Open(building))
        {
            await DatabaseSetup.MigrateAsync(service.Services, cancellationToken);
        }

        var accounts = InsertRows(building);
        logger.LogInformation("Rows inserted in {Seconds:0.0} s; the service's audit trail now adopts them", clock.Elapsed.TotalSeconds);

        await using (var service = ServiceDatabase.Open(building))
        {
            await service.AdoptAsync(scale.Name, cancellationToken);
        }

        logger.LogInformation("Audit import entry written at {Seconds:0.0} s; checking the database", clock.Elapsed.TotalSeconds);
        var (counts, head) = await SanityCheck.RunAsync(building, scale, logger, cancellationToken);

        Checkpoint(building);
        File.Move(building, path);
        var generated = new GeneratedDatabase
        {
            Scale = scale.Name,
            Fingerprint = Fingerprint,
            GeneratedAt = DateTime.UtcNow,
            GenerationSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            Counts = counts,
            AuditHeadHash = head,
            Accounts = accounts,
            Path = path,
        };
        generated.Save();
        logger.LogInformation("Generated the {Scale} database in {Seconds:0.0} s: {Entries:N0} ledger entries, {Size:N0} MB",
            scale.Name, clock.Elapsed.TotalSeconds, counts.LedgerEntries, new FileInfo(path).Length / 1_000_000);
        return generated;
    }

    private List<AccountKey> InsertRows(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        // Speed for a one-off build: the file is only trusted after the sanity check, and rebuilt when a run dies.
        Execute(connection, "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");
        var categories = ReadLeafCategories(connection);
        using var transaction = connection.BeginTransaction();
        var writer = new LedgerWriter(connection, transaction, random, categories);
        var accounts = writer.Accounts(scale.Volunteers);
        var households = writer.Recipients(scale);
        writer.Donors(scale.Donors);
        writer.Goods(scale, households);
        writer.Cash(scale, households);
        transaction.Commit();
        logger.LogInformation("Inserted {Rows}", string.Join(", ", writer.RowCounts.Select(c => $"{c.Table} {c.Rows:N0}")));
        return accounts;
    }

    private static List<Category> ReadLeafCategories(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Id\", \"Name\", \"DefaultUnit\" FROM \"Categories\" WHERE \"ParentId\" IS NOT NULL ORDER BY \"Id\"";
        using var reader = command.ExecuteReader();
        var categories = new List<Category>();
        while (reader.Read())
        {
            categories.Add(new Category(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        }

        return categories.Count > 0 ? categories : throw new InvalidOperationException("The migrations brought no categories to give goods.");
    }

    private static void Checkpoint(string path)
    {
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            connection.Open();
            Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        }

        SqliteConnection.ClearAllPools();
    }

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static void DeleteDatabase(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm", GeneratedDatabase.ManifestPath(path) })
        {
            File.Delete(file);
        }
    }
}

internal sealed record Category(int Id, string Name, string Unit);

/// <summary>A household as the generator hands goods and cash to it.</summary>
internal sealed record Household(int Id, string Head, string UnitName);

/// <summary>The service's own database code (migrations, audit adoption, verification) on a given file, without the web host.</summary>
internal sealed class ServiceDatabase : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private ServiceDatabase(ServiceProvider provider) => this.provider = provider;

    public IServiceProvider Services => provider;

    public static ServiceDatabase Open(string path)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Path"] = path })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHttpContextAccessor();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<CurrentActor>();
        services.AddScoped<AuditScope>();
        services.AddGaLaAidDatabase(configuration, Directory.GetCurrentDirectory());
        return new ServiceDatabase(services.BuildServiceProvider());
    }

    /// <summary>Records every row no audit entry records yet in one import entry, as the service does for rows it did not write.</summary>
    public async Task AdoptAsync(string scaleName, CancellationToken cancellationToken)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Audit.Actor.ActAs(DataGenerator.Actor);
        db.Audit.Begin(DataGenerator.ImportOperation, new { scale = scaleName, source = "GaLaAid.Benchmarks data generator" });
        await db.RunAsync(async () =>
        {
            await AuditTrail.AdoptUnrecordedRowsAsync(db, db.Audit, cancellationToken);
            return 0;
        }, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
