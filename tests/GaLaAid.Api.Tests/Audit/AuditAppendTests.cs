using System.Data.Common;
using GaLaAid.Api.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static GaLaAid.Api.Tests.Audit.AuditReading;

namespace GaLaAid.Api.Tests.Audit;

/// <summary>An app that watches the SQL sent to the audit trail's table, and can make its next insert fail.</summary>
public sealed class WatchedAuditApp : GaLaAidApp
{
    public AuditCommands AuditCommands { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(AuditCommands));
    }
}

public sealed class AuditCommands : DbCommandInterceptor
{
    private int count;
    private int failNextInsert;

    /// <summary>Commands that named the AuditEntries table since the last reset.</summary>
    public int Count => Volatile.Read(ref count);

    public void Reset() => Interlocked.Exchange(ref count, 0);

    public void FailNextInsert() => Interlocked.Exchange(ref failNextInsert, 1);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Watch(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Watch(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Watch(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Watch(DbCommand command)
    {
        if (!command.CommandText.Contains("\"AuditEntries\"", StringComparison.Ordinal))
        {
            return;
        }

        Interlocked.Increment(ref count);
        if (command.CommandText.Contains("INSERT INTO \"AuditEntries\"", StringComparison.Ordinal) && Interlocked.Exchange(ref failNextInsert, 0) == 1)
        {
            throw new InvalidOperationException("The audit trail's table refused the insert.");
        }
    }
}

/// <summary>The entry is part of the write: it costs the write a constant two commands, and a write whose entry fails is not committed.</summary>
public sealed class AuditAppendTests(WatchedAuditApp app) : IClassFixture<WatchedAuditApp>
{
    [Fact]
    public async Task A_write_whose_audit_entry_fails_is_rolled_back_whole()
    {
        var scenario = new LedgerScenario(app);
        var lot = await scenario.LotAsync(10);
        var fund = await scenario.FundAsync(5_000);
        var before = await app.LedgerCountsAsync();

        app.AuditCommands.FailNextInsert();
        var response = await scenario.Client.SendAsync(
            "mutation($input: AdjustFundInput!) { adjustFund(input: $input) { entry { id } } }",
            new { input = new { fundId = fund, amountFenChange = -1_000, reason = "点钞短款" } });

        Assert.NotNull(response.Json["errors"]);
        Assert.DoesNotContain("audit", response.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await app.LedgerCountsAsync());
        Assert.Equal(5_000, await scenario.BalanceAsync(fund));
        Assert.True((bool)(await VerifyAsync(await app.GraphQLAsAsync(Role.Auditor)))["ok"]!);
        (await scenario.Client.MutateAsync("adjustStock", "entry", "{ id }", new { itemId = lot.Id, quantityChange = -1, reason = "受潮" })).Ok();
        Assert.True((bool)(await VerifyAsync(await app.GraphQLAsAsync(Role.Auditor)))["ok"]!);
    }

    [Fact]
    public async Task Auditing_a_write_takes_two_sql_commands_however_many_rows_it_writes()
    {
        var scenario = new LedgerScenario(app);
        var donorId = await scenario.DonorAsync();

        async Task<(int All, int Audit)> CommandsAsync(int units)
        {
            app.SqlCommands.Reset();
            app.AuditCommands.Reset();
            (await scenario.Client.MutateAsync("recordInKindDonation", "inKindDonation", "{ id }", new
            {
                donorId, receivedOn = LedgerScenario.Today(), lines = new[] { LedgerScenario.Line(LedgerScenario.TvSet, units, "PER_UNIT") },
            })).Ok();
            return (app.SqlCommands.Count, app.AuditCommands.Count);
        }

        var one = await CommandsAsync(1);
        var many = await CommandsAsync(300);

        // Reading the head and inserting the entry. The items and their entries go in by one prepared
        // command per table (BulkInsert), past EF, so EF's commands do not grow with the units either.
        Assert.Equal(2, one.Audit);
        Assert.Equal(2, many.Audit);
        Assert.Equal(one.All, many.All);
    }
}
