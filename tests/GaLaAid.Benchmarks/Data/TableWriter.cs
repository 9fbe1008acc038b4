using System.Globalization;
using Microsoft.Data.Sqlite;

namespace GaLaAid.Benchmarks.Data;

/// <summary>
/// Inserts rows into one table through one prepared statement, inside the generator's transaction.
/// Ids are given by the generator (every table starts empty), so no round trip asks for them.
/// </summary>
internal sealed class TableWriter : IDisposable
{
    private readonly SqliteCommand command;
    private readonly SqliteParameter[] parameters;

    public TableWriter(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
    {
        Table = table;
        command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        command.Prepare();
    }

    public string Table { get; }

    public long Rows { get; private set; }

    public void Insert(params ReadOnlySpan<object?> values)
    {
        if (values.Length != parameters.Length)
        {
            throw new ArgumentException($"{Table} takes {parameters.Length} values, not {values.Length}.");
        }

        for (var i = 0; i < values.Length; i++)
        {
            parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                DateTime moment => Moment(moment),
                DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                bool flag => flag ? 1 : 0,
                Enum name => name.ToString(),
                var value => value,
            };
        }

        command.ExecuteNonQuery();
        Rows++;
    }

    /// <summary>The text EF Core's SQLite provider stores a DateTime as, so the service reads back exactly what it would have written.</summary>
    public static string Moment(DateTime moment) => moment.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public void Dispose() => command.Dispose();
}
