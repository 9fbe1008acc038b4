using System.Text.Json.Nodes;
using GaLaAid.Api.Tests.Seed;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Reports;

/// <summary>The demo ledger, broken past the service in the SQLite file: the reconciliation flags exactly the group at fault.</summary>
public sealed class ReconciliationBrokenLedgerTests(DemoSeededApp app) : IClassFixture<DemoSeededApp>
{
    private Dictionary<int, string> codes = [];

    [Fact]
    public async Task A_stray_entry_a_wrong_cached_balance_and_an_entry_of_a_foreign_kind_are_each_flagged_on_their_group_only()
    {
        Assert.True(await BalancesAsync("CATEGORY"));
        codes = await app.QueryDatabaseAsync(db => db.Categories.ToDictionaryAsync(c => c.Id, c => c.Code));

        // A TV received in the entries but never in the cached quantity on hand.
        await SqlAsync("""
            INSERT INTO StockEntries (StockItemId, Kind, Quantity, RecordedBy, RecordedAt)
            SELECT i.Id, 'Received', 1, 'intruder', '2026-01-01 00:00:00'
            FROM StockItems i JOIN DonationLines l ON l.Id = i.DonationLineId JOIN Categories c ON c.Id = l.CategoryId
            WHERE c.Code = 'tv' ORDER BY i.Id LIMIT 1
            """);
        var categories = await ReconcileAsync("CATEGORY");
        Assert.Equal(["tv"], Flagged(categories));
        Assert.False((bool)categories["totals"]!["balances"]!);
        Assert.False((bool)categories["balances"]!);
        var tv = Flagged(categories, "tv");
        Assert.True((bool)tv["goods"]!["quantity"]!["adds"]!);
        Assert.Equal(1, (long)tv["goods"]!["quantity"]!["closing"]!);
        Assert.Equal(0, (long)tv["goods"]!["cachedQuantityOnHand"]!);
        Assert.Equal(["OFFICE"], (await ReconcileAsync("RECIPIENT"))["rows"]!.AsArray().Where(r => !(bool)r!["balances"]!).Select(r => (string?)r!["kind"]));
        Assert.True(await BalancesAsync("FUND"));

        // The condolence fund's cached balance moved by one fen without an entry.
        await SqlAsync("UPDATE Funds SET BalanceFen = BalanceFen + 1 WHERE Name = '慰问金'");
        var funds = await ReconcileAsync("FUND");
        var flagged = Assert.Single(funds["rows"]!.AsArray(), r => !(bool)r!["balances"]!)!;
        Assert.Equal("慰问金", (string?)flagged["name"]);
        Assert.Equal((long)flagged["cash"]!["amountFen"]!["closing"]! + 1, (long)flagged["cash"]!["cachedBalanceFen"]!);
        Assert.False((bool)funds["totals"]!["balances"]!);

        // A stock entry of a cash kind: in the closing balance, in no movement, so the desk row does not add up.
        await SqlAsync("""
            INSERT INTO StockEntries (StockItemId, Kind, Quantity, RecordedBy, RecordedAt)
            SELECT i.Id, 'Disbursed', -1, 'intruder', '2026-01-01 00:00:00'
            FROM StockItems i JOIN DonationLines l ON l.Id = i.DonationLineId JOIN Categories c ON c.Id = l.CategoryId
            WHERE c.Code = 'desk' ORDER BY i.Id LIMIT 1
            """);
        var afterForeignKind = await ReconcileAsync("CATEGORY");
        Assert.Equal(["desk", "tv"], Flagged(afterForeignKind).Order(StringComparer.Ordinal));
        Assert.False((bool)Flagged(afterForeignKind, "desk")["goods"]!["quantity"]!["adds"]!);
    }

    private async Task<bool> BalancesAsync(string groupBy) => (bool)(await ReconcileAsync(groupBy))["balances"]!;

    private async Task<JsonNode> ReconcileAsync(string groupBy) =>
        (await app.GraphQL().DataAsync($$"""
            { reconciliation(groupBy: {{groupBy}}) { balances totals { balances } rows { {{ReconciliationDemoTests.RowSelection}} } } }
            """))["reconciliation"]!;

    private List<string> Flagged(JsonNode reconciliation) =>
        reconciliation["rows"]!.AsArray()
            .Where(r => !(bool)r!["balances"]!)
            .Select(r => codes[(int)LedgerScenario.RowId((string?)r!["id"], "Category")])
            .ToList();

    private JsonNode Flagged(JsonNode reconciliation, string code) =>
        reconciliation["rows"]!.AsArray().Single(r => codes[(int)LedgerScenario.RowId((string?)r!["id"], "Category")] == code)!;

    private async Task SqlAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = app.DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
