using GaLaAid.Benchmarks.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace GaLaAid.Benchmarks.Harness;

/// <summary>What a workload gets: the scale, the generated database and its keys, ways to start the service, a temp folder, a logger.</summary>
internal sealed class WorkloadContext
{
    private int copies;

    public required ScaleProfile Scale { get; init; }

    /// <summary>The generated database. Treat it as read-only: workloads that write use <see cref="CopyDatabase"/>.</summary>
    public required GeneratedDatabase Database { get; init; }

    public string DatabasePath => Database.Path;

    public string AdminKey => Database.AdminKey;

    public string StaffKey => Database.StaffKey;

    public string AuditorKey => Database.AuditorKey;

    public IReadOnlyList<AccountKey> Volunteers => Database.Volunteers;

    /// <summary>A folder of this run, deleted afterwards unless --keep-temp.</summary>
    public required string TempDirectory { get; init; }

    public required ILogger Logger { get; init; }

    public required int WarmupRounds { get; init; }

    public required int MeasuredRounds { get; init; }

    /// <summary>A private copy of the generated database in the temp folder, for a workload that writes.</summary>
    public string CopyDatabase(string name)
    {
        var copy = Path.Combine(TempDirectory, $"{name}-{Interlocked.Increment(ref copies)}.db");
        SqliteConnection.ClearAllPools();
        File.Copy(DatabasePath, copy, overwrite: true);
        return copy;
    }

    /// <summary>The real service in this process on Kestrel, on this database (the generated one when null).</summary>
    public InProcessService StartInProcess(string? databasePath = null, IReadOnlyDictionary<string, string?>? settings = null) =>
        InProcessService.Start(databasePath ?? DatabasePath, settings);

    /// <summary>The real service as a child process (<c>dotnet GaLaAid.Api.dll</c>); wait for it with <see cref="ServiceProcess.WaitUntilAnsweringAsync"/>.</summary>
    public ServiceProcess StartProcess(string? databasePath = null, IReadOnlyDictionary<string, string?>? settings = null) =>
        ServiceProcess.Start(databasePath ?? DatabasePath, settings);

    /// <summary>A raw connection to a database file (the generated one when null), for baselines and for picking test data.</summary>
    public SqliteConnection OpenConnection(string? databasePath = null, bool readOnly = true)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath ?? DatabasePath,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }
}
