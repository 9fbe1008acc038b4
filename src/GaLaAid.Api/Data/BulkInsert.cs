using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace GaLaAid.Api.Data;

/// <summary>
/// Inserts many new rows of one table inside the running write, past the change tracker: one
/// prepared INSERT executed per row, with ids the caller took from <see cref="ReserveIdsAsync{TEntity}"/>.
/// Tracking and saving a hundred thousand entities through EF costs several times the insert itself;
/// this costs about the insert. The rows are recorded in the write's audit scope exactly like saved
/// ones, so the audit entry still names and hashes every row.
/// </summary>
public static class BulkInsert
{
    /// <summary>
    /// The first of <paramref name="count"/> consecutive ids no row of the table has or ever had.
    /// Call it inside the write's transaction: on SQLite that transaction holds the write lock, so
    /// the ids stay free until commit.
    /// </summary>
    public static async Task<long> ReserveIdsAsync<TEntity>(AppDbContext db, CancellationToken cancellationToken)
        where TEntity : class
    {
        if (!db.Database.IsSqlite())
        {
            throw new NotSupportedException("Bulk inserts reserve ids from SQLite's AUTOINCREMENT sequence; another provider needs its own sequence here.");
        }

        var entityType = db.Model.FindEntityType(typeof(TEntity))!;
        var table = entityType.GetTableName()!;
        var key = Audit.AuditedTables.KeyProperty(entityType).GetColumnName();
        // The sequence remembers ids of rows that are gone, so that an id the audit trail recorded is never handed out twice.
        await using var command = CreateCommand(db,
            $"SELECT MAX(COALESCE((SELECT MAX(\"{key}\") FROM \"{table}\"), 0), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = @table), 0))");
        AddParameter(command, "@table", table);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) + 1;
    }

    /// <summary>Inserts the rows, ids included, each column as EF would store it (through the property's value converter).</summary>
    public static async Task InsertAsync<TEntity>(AppDbContext db, IReadOnlyList<TEntity> rows, CancellationToken cancellationToken)
        where TEntity : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Bulk inserts run inside AppDbContext.RunAsync, in the write's transaction.");
        }

        var entityType = db.Model.FindEntityType(typeof(TEntity))!;
        var columns = entityType.GetProperties()
            .Select(p => (Property: p, Getter: p.GetGetter(), Converter: p.GetTypeMapping().Converter))
            .ToList();
        var sql = $"INSERT INTO \"{entityType.GetTableName()}\" ({string.Join(", ", columns.Select(c => $"\"{c.Property.GetColumnName()}\""))}) "
            + $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        await using var command = CreateCommand(db, sql);
        var parameters = columns.Select((_, i) => AddParameter(command, $"@p{i}", null)).ToArray();
        await command.PrepareAsync(cancellationToken);

        // The audit scope learns of the rows before they are written: should an insert fail, the write rolls back whole.
        db.Audit.Inserted(entityType, rows);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < columns.Count; i++)
            {
                var (_, getter, converter) = columns[i];
                var value = getter.GetClrValue(row);
                parameters[i].Value = (value is not null && converter is not null ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
            }

            // Microsoft.Data.Sqlite completes its async calls synchronously; awaiting one per row only adds a task per row.
            command.ExecuteNonQuery();
        }
    }

    private static DbCommand CreateCommand(AppDbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    private static DbParameter AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
