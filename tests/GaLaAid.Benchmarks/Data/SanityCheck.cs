using GaLaAid.Api.Audit;
using GaLaAid.Api.Data;
using GaLaAid.Api.Labels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GaLaAid.Benchmarks.Data;

/// <summary>
/// Proves a generated database valid before it is cached: counts against the scale's promise, the
/// ledger invariants by SQL, every label code readable, and the service's own audit verifier
/// (chain, every row recorded and unchanged, cached balances equal to the sums of their entries).
/// </summary>
internal static class SanityCheck
{
    public static async Task<(TableCounts Counts, string HeadHash)> RunAsync(string path, ScaleProfile scale, ILogger logger, CancellationToken cancellationToken)
    {
        TableCounts counts;
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            connection.Open();
            counts = new TableCounts(
                Count(connection, "SELECT count(*) FROM \"Recipients\""),
                Count(connection, "SELECT count(*) FROM \"Recipients\" WHERE \"Kind\" = 'Household'"),
                Count(connection, "SELECT count(*) FROM \"Donors\""),
                Count(connection, "SELECT count(*) FROM \"InKindDonations\""),
                Count(connection, "SELECT count(*) FROM \"DonationLines\""),
                Count(connection, "SELECT count(*) FROM \"StockItems\""),
                Count(connection, "SELECT count(*) FROM \"StockEntries\""),
                Count(connection, "SELECT count(*) FROM \"Handovers\""),
                Count(connection, "SELECT count(*) FROM \"CashDonations\""),
                Count(connection, "SELECT count(*) FROM \"Disbursements\""),
                Count(connection, "SELECT count(*) FROM \"FundEntries\""),
                Count(connection, "SELECT count(*) FROM \"AuditEntries\""));
            Require(counts.LedgerEntries >= scale.MinimumLedgerEntries,
                $"the {scale.Name} scale promises at least {scale.MinimumLedgerEntries:N0} ledger entries, the database has {counts.LedgerEntries:N0}");
            Require(Count(connection, "SELECT count(*) FROM \"StockItems\" WHERE \"QuantityOnHand\" < 0") == 0, "an item has negative stock");
            Require(Count(connection, "SELECT count(*) FROM \"Funds\" WHERE \"BalanceFen\" < 0") == 0, "a fund is overdrawn");
            Require(Count(connection, """
                SELECT count(*) FROM "Handovers" h
                WHERE NOT EXISTS (SELECT 1 FROM "StockEntries" e WHERE e."HandoverId" = h."Id" AND e."Kind" = 'Distributed')
                """) == 0, "a handover has no Distributed entry");
            Require(Count(connection, """
                SELECT count(*) FROM "StockEntries"
                WHERE ("Kind" = 'Distributed') <> ("HandoverId" IS NOT NULL) OR ("Kind" = 'Distributed' AND "Quantity" >= 0) OR ("Kind" = 'Received' AND "Quantity" <= 0)
                """) == 0, "a stock entry's sign or handover does not fit its kind");
            Require(Count(connection, """
                SELECT count(*) FROM "StockItems" i
                WHERE i."ReceivedQuantity" <> (SELECT e."Quantity" FROM "StockEntries" e WHERE e."StockItemId" = i."Id" AND e."Kind" = 'Received')
                """) == 0, "an item's received quantity differs from its Received entry");
            using var codes = connection.CreateCommand();
            codes.CommandText = "SELECT \"LabelCode\" FROM \"StockItems\"";
            using var reader = codes.ExecuteReader();
            while (reader.Read())
            {
                var code = reader.GetString(0);
                Require(LabelCode.TryNormalize(code, out var canonical) && canonical == code, $"label code {code} is not a valid canonical code");
            }
        }

        SqliteConnection.ClearAllPools();
        await using var service = ServiceDatabase.Open(path);
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var verification = await AuditVerifier.VerifyAsync(db, null, cancellationToken);
        Require(verification.Ok, $"the service's audit verifier refuses the database: {verification.FirstProblem?.Message}");
        logger.LogInformation(
            "Sanity check passed: {Ledger:N0} ledger entries ({Stock:N0} stock, {Fund:N0} fund), {Items:N0} items, {Handovers:N0} handovers, {Households:N0} households; audit trail verified ({Rows:N0} rows, head {Head})",
            counts.LedgerEntries, counts.StockEntries, counts.FundEntries, counts.StockItems, counts.Handovers, counts.Households,
            verification.RowsChecked, verification.HeadHash);
        return (counts, verification.HeadHash!);
    }

    private static long Count(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"The generated database is not valid: {problem}.");
        }
    }
}
