using System.Runtime.CompilerServices;
using GaLaAid.Api.Categories;
using GaLaAid.Api.Data;
using GaLaAid.Api.Donations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace GaLaAid.Api.Stock;

/// <summary>
/// The scan of distribution day: an item with its donation line and category, read by one SQLite
/// statement that each native connection prepares once and keeps. Neither EF nor Microsoft.Data.Sqlite
/// keeps a prepared statement beyond one connection open, and preparing this join again was the largest
/// single cost of a scan. The pool hands the same native connection to many requests, one at a time;
/// the statement is reset before the connection goes back, so it never holds a read snapshot.
/// </summary>
internal static class ItemByCodeStatement
{
    private const string Sql = """
        SELECT i."Id", i."DonationLineId", i."Tracking", i."LabelCode", i."ReceivedQuantity", i."QuantityOnHand",
               l."Id", l."DonationId", l."LineNumber", l."CategoryId", l."Description", l."Quantity", l."Unit",
               l."EstimatedUnitValueFen", l."Condition", l."Tracking", l."PlannedRecipientId",
               c."Id", c."Code", c."Name", c."NameEn", c."ParentId", c."DefaultUnit"
        FROM "StockItems" AS i
        INNER JOIN "DonationLines" AS l ON i."DonationLineId" = l."Id"
        INNER JOIN "Categories" AS c ON l."CategoryId" = c."Id"
        WHERE i."LabelCode" = ?1
        LIMIT 1
        """;

    /// <summary>How long a scan waits for a database that another connection is recovering, as EF's commands would.</summary>
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// One statement per native connection. Keyed weakly by the handle: when the pool closes a
    /// connection (SQLitePCLRaw closes with <c>sqlite3_close_v2</c>), the statement is finalized
    /// with it by the garbage collector and SQLite releases the connection then.
    /// </summary>
    private static readonly ConditionalWeakTable<sqlite3, sqlite3_stmt> Prepared = [];

    public static async Task<ItemWithLine?> FindAsync(AppDbContext db, string code, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            var handle = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is open but has no native handle.");
            return Find(handle, code);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static ItemWithLine? Find(sqlite3 handle, string code)
    {
        var statement = Prepared.GetValue(handle, Prepare);
        try
        {
            Check(raw.sqlite3_bind_text(statement, 1, code), handle);
            return StepOnce(statement, handle) ? Read(statement) : null;
        }
        finally
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    private static sqlite3_stmt Prepare(sqlite3 handle)
    {
        Check(raw.sqlite3_prepare_v3(handle, Sql, raw.SQLITE_PREPARE_PERSISTENT, out var statement), handle);
        return statement;
    }

    /// <summary>True when a row was found. A busy database is waited for, as Microsoft.Data.Sqlite's commands wait.</summary>
    private static bool StepOnce(sqlite3_stmt statement, sqlite3 handle)
    {
        var started = Environment.TickCount64;
        while (true)
        {
            var result = raw.sqlite3_step(statement);
            switch (result)
            {
                case raw.SQLITE_ROW:
                    return true;
                case raw.SQLITE_DONE:
                    return false;
                case raw.SQLITE_BUSY or raw.SQLITE_LOCKED when Environment.TickCount64 - started < BusyTimeout.TotalMilliseconds:
                    raw.sqlite3_reset(statement);
                    Thread.Sleep(1);
                    continue;
                default:
                    Check(result, handle);
                    return false;
            }
        }
    }

    private static void Check(int result, sqlite3 handle) => SqliteException.ThrowExceptionForRC(result, handle);

    private static ItemWithLine Read(sqlite3_stmt row) => new(
        new StockItem
        {
            Id = raw.sqlite3_column_int(row, 0),
            DonationLineId = raw.sqlite3_column_int(row, 1),
            Tracking = Enum.Parse<TrackingMode>(Text(row, 2)),
            LabelCode = Text(row, 3),
            ReceivedQuantity = raw.sqlite3_column_int(row, 4),
            QuantityOnHand = raw.sqlite3_column_int(row, 5),
        },
        new DonationLine
        {
            Id = raw.sqlite3_column_int(row, 6),
            DonationId = raw.sqlite3_column_int(row, 7),
            LineNumber = raw.sqlite3_column_int(row, 8),
            CategoryId = raw.sqlite3_column_int(row, 9),
            Description = Text(row, 10),
            Quantity = raw.sqlite3_column_int(row, 11),
            Unit = Text(row, 12),
            EstimatedUnitValueFen = raw.sqlite3_column_int64(row, 13),
            Condition = Enum.Parse<ItemCondition>(Text(row, 14)),
            Tracking = Enum.Parse<TrackingMode>(Text(row, 15)),
            PlannedRecipientId = NullableInt(row, 16),
        },
        new Category
        {
            Id = raw.sqlite3_column_int(row, 17),
            Code = Text(row, 18),
            Name = Text(row, 19),
            NameEn = Text(row, 20),
            ParentId = NullableInt(row, 21),
            DefaultUnit = Text(row, 22),
        });

    private static string Text(sqlite3_stmt row, int column) => raw.sqlite3_column_text(row, column).utf8_to_string();

    private static int? NullableInt(sqlite3_stmt row, int column) =>
        raw.sqlite3_column_type(row, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int(row, column);
}
