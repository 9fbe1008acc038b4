using GaLaAid.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GaLaAid.Benchmarks.Harness;

/// <summary>The SQLite settings a connection of the service has: the raw baselines run with the same.</summary>
internal sealed record ServiceSqliteSettings(string JournalMode, long Synchronous, long CacheSize)
{
    public static async Task<ServiceSqliteSettings> ReadAsync(InProcessService service)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            var journal = (string)(await command.ExecuteScalarAsync())!;
            command.CommandText = "PRAGMA synchronous";
            var synchronous = (long)(await command.ExecuteScalarAsync())!;
            command.CommandText = "PRAGMA cache_size";
            var cacheSize = (long)(await command.ExecuteScalarAsync())!;
            return new ServiceSqliteSettings(journal, synchronous, cacheSize);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>Random rows of the generated database that workloads act on: label codes to scan or hand over, households to hand to.</summary>
internal static class DatabaseSamples
{
    /// <summary>Up to <paramref name="count"/> label codes of items matching the SQL condition, in random order.</summary>
    public static string[] LabelCodes(WorkloadContext context, string condition, int count)
    {
        using var connection = context.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"LabelCode\" FROM \"StockItems\" WHERE {condition} ORDER BY random() LIMIT {count}";
        using var reader = command.ExecuteReader();
        var codes = new List<string>();
        while (reader.Read())
        {
            codes.Add(reader.GetString(0));
        }

        return [.. codes];
    }

    /// <summary>Per-unit items still on hand, which can each be handed over once.</summary>
    public static string[] OnHandPerUnitCodes(WorkloadContext context, int count) =>
        LabelCodes(context, "\"Tracking\" = 'PerUnit' AND \"QuantityOnHand\" = 1", count);

    /// <summary>Up to <paramref name="count"/> households with their heads, in random order.</summary>
    public static (long Id, string Head)[] Households(WorkloadContext context, int count)
    {
        using var connection = context.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"Id\", \"HeadOfHousehold\" FROM \"Recipients\" WHERE \"Kind\" = 'Household' ORDER BY random() LIMIT {count}";
        using var reader = command.ExecuteReader();
        var households = new List<(long, string)>();
        while (reader.Read())
        {
            households.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return [.. households];
    }
}
