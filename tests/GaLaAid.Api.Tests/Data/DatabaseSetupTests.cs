using GaLaAid.Api.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Data;

/// <summary>Start-up reads the applied migrations itself; a database that lacks one must still get it.</summary>
public sealed class DatabaseSetupTests
{
    private const string LastMigration = "20261201133600_PerformanceIndexes";
    private const string IndexOfLastMigration = "IX_StockItems_DonationLineId_QuantityOnHand";

    [Fact]
    public async Task Start_up_applies_a_migration_the_database_has_not_recorded()
    {
        using var app = new GaLaAidApp();
        _ = app.Services;
        Execute(app.DatabasePath, $"DROP INDEX \"{IndexOfLastMigration}\"; DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '{LastMigration}';");
        Assert.Equal(0L, Scalar(app.DatabasePath, $"SELECT count(*) FROM sqlite_master WHERE name = '{IndexOfLastMigration}'"));

        await DatabaseSetup.MigrateAsync(app.Services);

        Assert.Equal(1L, Scalar(app.DatabasePath, $"SELECT count(*) FROM sqlite_master WHERE name = '{IndexOfLastMigration}'"));
        Assert.Equal(1L, Scalar(app.DatabasePath, $"SELECT count(*) FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '{LastMigration}'"));
        Assert.Empty(await app.QueryDatabaseAsync(db => db.Database.GetPendingMigrationsAsync()));
    }

    [Fact]
    public async Task Start_up_on_an_up_to_date_database_writes_nothing()
    {
        using var app = new GaLaAidApp();
        var auditEntriesBefore = await app.QueryDatabaseAsync(db => db.AuditEntries.CountAsync());

        await DatabaseSetup.MigrateAsync(app.Services);

        Assert.Equal(auditEntriesBefore, await app.QueryDatabaseAsync(db => db.AuditEntries.CountAsync()));
        Assert.Equal(
            await app.QueryDatabaseAsync(db => Task.FromResult(db.Database.GetMigrations().Count())),
            (int)(long)Scalar(app.DatabasePath, "SELECT count(*) FROM \"__EFMigrationsHistory\"")!);
    }

    private static void Execute(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
