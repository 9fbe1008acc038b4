using System.Collections.Concurrent;
using GaLaAid.Api.Categories;
using GaLaAid.Api.Data;
using GaLaAid.Api.Donations;
using Microsoft.Data.Sqlite;

namespace GaLaAid.Api.Stock;

/// <summary>
/// The scan of distribution day, <c>itemByCode</c>: the item with its donation line and category,
/// read by one statement that each of a few SQLite connections keeps prepared and open. Through EF
/// every scan opened a pooled connection, compiled the same SQL into a new statement, ran it and
/// closed the connection again, about a third of a scan's CPU. The rows come from the same
/// committed state EF would read (WAL: a reader sees every committed write), and the connections
/// refuse to write (<c>PRAGMA query_only</c>). <c>ItemScanReaderTests</c> compares every property
/// read here with what EF's mapping reads, so a column added to one of the three entities fails
/// that test until it is read here too.
/// </summary>
internal sealed class ItemScanReader : IDisposable
{
    /// <summary>
    /// A scan holds a lease only while its row is read, synchronously, so few are ever in use at once;
    /// beyond these, leases are closed on return.
    /// </summary>
    private const int MaxIdle = 16;

    // The columns read, in the order Lease.Find reads them; ItemScanReaderTests holds them to the EF model.
    internal static readonly string[] ItemColumns = ["Id", "DonationLineId", "Tracking", "LabelCode", "ReceivedQuantity", "QuantityOnHand"];
    internal static readonly string[] LineColumns =
        ["Id", "DonationId", "LineNumber", "CategoryId", "Description", "Quantity", "Unit", "EstimatedUnitValueFen", "Condition", "Tracking", "PlannedRecipientId"];
    internal static readonly string[] CategoryColumns = ["Id", "Code", "Name", "NameEn", "ParentId", "DefaultUnit"];

    private static readonly string Sql = $"""
        SELECT {Columns("i", ItemColumns)}, {Columns("l", LineColumns)}, {Columns("c", CategoryColumns)}
        FROM "StockItems" AS i
        INNER JOIN "DonationLines" AS l ON l."Id" = i."DonationLineId"
        INNER JOIN "Categories" AS c ON c."Id" = l."CategoryId"
        WHERE i."LabelCode" = $code
        LIMIT 1
        """;

    private readonly string connectionString;
    private readonly ConcurrentBag<Lease> idle = [];
    private bool disposed;

    /// <param name="connectionString">The service's; the reader's connections are taken outside its pool.</param>
    public ItemScanReader(string connectionString) =>
        // Not pooled: a connection set query_only must never be handed to a writer by the pool, which keeps PRAGMAs.
        this.connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();

    /// <summary>The item whose current label has <paramref name="code"/> (normalized), or null.</summary>
    public ItemWithLine? Find(string code)
    {
        var lease = idle.TryTake(out var taken) ? taken : Lease.Open(connectionString);
        var reusable = false;
        try
        {
            var found = lease.Find(code);
            reusable = true;
            return found;
        }
        finally
        {
            Return(lease, reusable);
        }
    }

    private void Return(Lease lease, bool reusable)
    {
        if (reusable && !Volatile.Read(ref disposed) && idle.Count < MaxIdle)
        {
            idle.Add(lease);
            // Disposed in between: nobody else will close it.
            if (Volatile.Read(ref disposed) && idle.TryTake(out var late))
            {
                late.Dispose();
            }

            return;
        }

        lease.Dispose();
    }

    private static string Columns(string alias, string[] columns) => string.Join(", ", columns.Select(column => $"{alias}.\"{column}\""));

    public void Dispose()
    {
        Volatile.Write(ref disposed, true);
        while (idle.TryTake(out var lease))
        {
            lease.Dispose();
        }
    }

    /// <summary>One open connection with the statement prepared on it; used by one scan at a time.</summary>
    private sealed class Lease : IDisposable
    {
        private readonly SqliteConnection connection;
        private readonly SqliteCommand command;
        private readonly SqliteParameter code;

        private Lease(SqliteConnection connection, SqliteCommand command, SqliteParameter code)
        {
            this.connection = connection;
            this.command = command;
            this.code = code;
        }

        public static Lease Open(string connectionString)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                using (var settings = connection.CreateCommand())
                {
                    settings.CommandText = $"PRAGMA cache_size=-{SqliteConnectionSettings.CacheSizeKibibytes}; PRAGMA query_only=1;";
                    settings.ExecuteNonQuery();
                }

                var command = connection.CreateCommand();
                command.CommandText = Sql;
                var code = command.Parameters.Add("$code", SqliteType.Text);
                code.Value = string.Empty;
                command.Prepare();
                return new Lease(connection, command, code);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public ItemWithLine? Find(string labelCode)
        {
            code.Value = labelCode;
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            const int line = 6, category = 17;
            var item = new StockItem
            {
                Id = reader.GetInt32(0),
                DonationLineId = reader.GetInt32(1),
                Tracking = Enum.Parse<TrackingMode>(reader.GetString(2)),
                LabelCode = reader.GetString(3),
                ReceivedQuantity = reader.GetInt32(4),
                QuantityOnHand = reader.GetInt32(5),
            };
            var donationLine = new DonationLine
            {
                Id = reader.GetInt32(line),
                DonationId = reader.GetInt32(line + 1),
                LineNumber = reader.GetInt32(line + 2),
                CategoryId = reader.GetInt32(line + 3),
                Description = reader.GetString(line + 4),
                Quantity = reader.GetInt32(line + 5),
                Unit = reader.GetString(line + 6),
                EstimatedUnitValueFen = reader.GetInt64(line + 7),
                Condition = Enum.Parse<ItemCondition>(reader.GetString(line + 8)),
                Tracking = Enum.Parse<TrackingMode>(reader.GetString(line + 9)),
                PlannedRecipientId = reader.IsDBNull(line + 10) ? null : reader.GetInt32(line + 10),
            };
            var itemCategory = new Category
            {
                Id = reader.GetInt32(category),
                Code = reader.GetString(category + 1),
                Name = reader.GetString(category + 2),
                NameEn = reader.GetString(category + 3),
                ParentId = reader.IsDBNull(category + 4) ? null : reader.GetInt32(category + 4),
                DefaultUnit = reader.GetString(category + 5),
            };
            return new ItemWithLine(item, donationLine, itemCategory);
        }

        public void Dispose()
        {
            command.Dispose();
            connection.Dispose();
        }
    }
}
