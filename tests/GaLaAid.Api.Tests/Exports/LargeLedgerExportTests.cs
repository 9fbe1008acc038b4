using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace GaLaAid.Api.Tests.Exports;

/// <summary>A ledger of 100,000 stock entries more, written straight into the table (the trail does not cover them; no test here verifies it).</summary>
public sealed class LargeLedger : GaLaAidApp, IAsyncLifetime
{
    public const int BulkEntries = 100_000;

    public StockEntryPages Pages { get; } = new();

    public async Task InitializeAsync()
    {
        var scenario = new LedgerScenario(this);
        var lot = await scenario.LotAsync(1_000);
        var itemId = LedgerScenario.RowId(lot.Id, "Item");
        await QueryDatabaseAsync(db => db.Database.ExecuteSqlAsync($"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {BulkEntries})
            INSERT INTO "StockEntries" ("StockItemId", "Kind", "Quantity", "Reason", "RecordedBy", "RecordedAt")
            SELECT {itemId}, 'Adjusted', 1 + (i % 7), '盘点补录，第 ' || i || ' 条', 'bulk-import', '2026-11-15 08:00:00'
            FROM n
            """));
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Pages));
    }
}

/// <summary>Counts the queries that read stock entries and can hold the second one back until the test lets it go.</summary>
public sealed class StockEntryPages : DbCommandInterceptor
{
    private int count;

    public TaskCompletionSource? Gate { get; set; }

    public int Count => Volatile.Read(ref count);

    public void Reset() => Interlocked.Exchange(ref count, 0);

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains("FROM \"StockEntries\"", StringComparison.Ordinal)
            && Interlocked.Increment(ref count) == 2 && Gate is { } gate)
        {
            await gate.Task.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
        }

        return result;
    }
}

public sealed class LargeLedgerExportTests(LargeLedger app) : IClassFixture<LargeLedger>
{
    [Fact]
    public async Task A_CSV_export_streams_its_first_rows_before_it_reads_the_second_page_of_the_ledger()
    {
        var (count, sum) = await app.QueryDatabaseAsync(async db => (await db.StockEntries.CountAsync(), await db.StockEntries.SumAsync(e => (long)e.Quantity)));
        app.Pages.Reset();
        app.Pages.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            var http = app.CreateClient();
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", GaLaAidApp.AdminKey);
            using var response = await http.GetAsync("/exports/stock-entries.csv", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await using var body = await response.Content.ReadAsStreamAsync();

            // The second page's query is held back: a response that waited for the whole ledger would never start.
            var first = new byte[4096];
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                await body.ReadExactlyAsync(first, timeout.Token);
            }

            Assert.True(app.Pages.Count <= 2, $"{app.Pages.Count} pages were read before the first bytes arrived");
            app.Pages.Gate.SetResult();

            using var rest = new MemoryStream();
            await body.CopyToAsync(rest);
            var all = first.Concat(rest.ToArray()).ToArray();
            var rows = AuditorLedger.ParseCsv(all);
            Assert.Equal(count, rows.Count);
            Assert.Equal(sum, rows.Sum(r => long.Parse(r["quantity 数量"], CultureInfo.InvariantCulture)));
            Assert.Contains("盘点补录，第 100000 条", Encoding.UTF8.GetString(all), StringComparison.Ordinal);
            Assert.Equal((count / 5_000) + 1, app.Pages.Count);
        }
        finally
        {
            app.Pages.Gate?.TrySetResult();
            app.Pages.Gate = null;
        }
    }

    [Fact]
    public async Task An_XLSX_export_of_the_large_ledger_reads_it_page_by_page_and_parses_back()
    {
        var (count, sum) = await app.QueryDatabaseAsync(async db => (await db.StockEntries.CountAsync(), await db.StockEntries.SumAsync(e => (long)e.Quantity)));
        app.Pages.Reset();

        var rows = AuditorLedger.ParseXlsx(await AuditorLedgerFiles.GetAsync(app, "/exports/stock-entries.xlsx"));

        Assert.Equal(count, rows.Count);
        Assert.Equal(sum, rows.Sum(r => Convert.ToInt64(r["quantity 数量"], CultureInfo.InvariantCulture)));
        Assert.Equal((count / 5_000) + 1, app.Pages.Count);
    }
}

internal static class AuditorLedgerFiles
{
    public static async Task<byte[]> GetAsync(GaLaAidApp app, string path)
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", GaLaAidApp.AdminKey);
        using var response = await http.GetAsync(path);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        return bytes;
    }
}
