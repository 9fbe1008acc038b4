using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using GaLaAid.Api.Labels;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace GaLaAid.Api.Tests.Handovers;

/// <summary>
/// recordHandover reads its items before it takes its write turn. These tests make another writer
/// change an item in exactly that gap, just before the handover's transaction begins, and prove the
/// write inside the transaction still sees the change: a typed refusal, nothing written.
/// </summary>
public sealed class HandoverRaceTests(HandoverRaceTests.RacingApp app) : IClassFixture<HandoverRaceTests.RacingApp>
{
    private readonly LedgerScenario scenario = new(app);

    private static object Input(string recipientId, object line) => new { recipientId, receivedBy = "马文德", lines = new[] { line } };

    private async Task<JsonNode> RefusedAsync(object input, string code)
    {
        var payload = (await scenario.Client.DataAsync(
            """
            mutation($input: RecordHandoverInput!) {
              recordHandover(input: $input) {
                handover { id }
                errors { __typename ... on Error { code message } ... on LabelVoidedError { field currentCode } ... on InsufficientStockError { requested onHand } }
              }
            }
            """,
            new { input }))["recordHandover"]!;
        Assert.Null(payload["handover"]);
        var error = Assert.Single(payload["errors"]!.AsArray())!;
        Assert.Equal(code, (string?)error["code"]);
        return error;
    }

    [Fact]
    public async Task RecordHandover_refuses_a_label_voided_after_the_item_was_read_and_writes_nothing()
    {
        var household = (await scenario.VillageAsync()).Household;
        var tv = (await scenario.PerUnitAsync(1))[0];
        var itemId = LedgerScenario.RowId(tv.Id, "Item");
        var newCode = LabelCode.NewCode();
        var before = await app.LedgerCountsAsync();
        app.BeforeNextTransaction(() => app.WriteAsAnotherProcessAsync(
            """
            UPDATE "StockItems" SET "LabelCode" = $new WHERE "Id" = $item;
            INSERT INTO "LabelReissues" ("StockItemId", "VoidedCode", "NewCode", "Reason", "RecordedBy", "RecordedAt")
            VALUES ($item, $old, $new, '标签被雨水泡坏', 'other-process', $now);
            """,
            ("$item", itemId), ("$old", tv.LabelCode), ("$new", newCode)));

        var error = await RefusedAsync(Input(household, new { labelCode = tv.LabelCode }), "LABEL_VOIDED");

        Assert.True(app.HookRan, "the other writer did not run between the read and the write");
        Assert.Equal("lines[0].labelCode", (string?)error["field"]);
        Assert.Equal(newCode, (string?)error["currentCode"]);
        Assert.Equal(before, await app.LedgerCountsAsync());
        Assert.Equal(1, await scenario.OnHandAsync(tv));
    }

    [Fact]
    public async Task RecordHandover_refuses_stock_taken_after_the_item_was_read_and_writes_nothing()
    {
        var household = (await scenario.VillageAsync()).Household;
        var lot = await scenario.LotAsync(5);
        var itemId = LedgerScenario.RowId(lot.Id, "Item");
        app.BeforeNextTransaction(() => app.WriteAsAnotherProcessAsync(
            """
            UPDATE "StockItems" SET "QuantityOnHand" = "QuantityOnHand" - 4 WHERE "Id" = $item;
            INSERT INTO "StockEntries" ("StockItemId", "Kind", "Quantity", "RecordedBy", "RecordedAt")
            VALUES ($item, 'Adjusted', -4, 'other-process', $now);
            """,
            ("$item", itemId)));
        var handoversBefore = await app.QueryDatabaseAsync(db => db.Handovers.CountAsync());
        var auditBefore = await app.QueryDatabaseAsync(db => db.AuditEntries.CountAsync());

        var error = await RefusedAsync(Input(household, LedgerScenario.Take(lot, 3)), "INSUFFICIENT_STOCK");

        Assert.True(app.HookRan, "the other writer did not run between the read and the write");
        Assert.Equal(3, (int)error["requested"]!);
        Assert.Equal(1, (int)error["onHand"]!);
        Assert.Equal(1, await scenario.OnHandAsync(lot));
        Assert.Equal(handoversBefore, await app.QueryDatabaseAsync(db => db.Handovers.CountAsync()));
        Assert.Equal(auditBefore, await app.QueryDatabaseAsync(db => db.AuditEntries.CountAsync()));
        var entries = await app.QueryDatabaseAsync(db => db.StockEntries.Where(e => e.StockItemId == itemId).Select(e => e.Quantity).ToListAsync());
        Assert.Equal([5, -4], entries);
    }

    /// <summary>The real service, with a hook that runs once, just before the next write transaction begins.</summary>
    public sealed class RacingApp : GaLaAidApp
    {
        private readonly HookBeforeTransaction hook = new();

        public bool HookRan => hook.Ran;

        public void BeforeNextTransaction(Func<Task> action) => hook.Arm(action);

        /// <summary>Writes straight into the file, as another process would: past this service's turns and audit trail.</summary>
        public async Task WriteAsAnotherProcessAsync(string sql, params (string Name, object Value)[] parameters)
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
            await connection.OpenAsync();
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$now", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(hook));
        }
    }

    private sealed class HookBeforeTransaction : DbTransactionInterceptor
    {
        private Func<Task>? armed;

        public bool Ran { get; private set; }

        public void Arm(Func<Task> action)
        {
            Ran = false;
            armed = action;
        }

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref armed, null) is { } action)
            {
                await action();
                Ran = true;
            }

            return result;
        }
    }
}
