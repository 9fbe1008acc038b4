using System.Data.Common;
using GaLaAid.Api.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static GaLaAid.Api.Tests.Audit.AuditReading;

namespace GaLaAid.Api.Tests.Audit;

/// <summary>An app whose database refuses the next insert into the audit trail, once armed.</summary>
public sealed class FailingAuditApp : GaLaAidApp
{
    public AuditInsertFailure Failure { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Failure));
    }
}

public sealed class AuditInsertFailure : DbCommandInterceptor
{
    private int armed;

    public void Arm() => Interlocked.Exchange(ref armed, 1);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains("INSERT INTO \"AuditEntries\"", StringComparison.Ordinal) && Interlocked.Exchange(ref armed, 0) == 1)
        {
            throw new InvalidOperationException("The audit trail's table refused the insert.");
        }

        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains("INSERT INTO \"AuditEntries\"", StringComparison.Ordinal) && Interlocked.Exchange(ref armed, 0) == 1)
        {
            throw new InvalidOperationException("The audit trail's table refused the insert.");
        }

        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}

/// <summary>The entry is part of the write: a write whose entry cannot be appended is not committed either.</summary>
public sealed class AuditAppendTests(FailingAuditApp app) : IClassFixture<FailingAuditApp>
{
    [Fact]
    public async Task A_write_whose_audit_entry_fails_is_rolled_back_whole()
    {
        var scenario = new LedgerScenario(app);
        var lot = await scenario.LotAsync(10);
        var fund = await scenario.FundAsync(5_000);
        var before = await app.LedgerCountsAsync();

        app.Failure.Arm();
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
}
