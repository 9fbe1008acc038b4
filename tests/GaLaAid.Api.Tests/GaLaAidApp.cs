using System.Data.Common;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace GaLaAid.Api.Tests;

/// <summary>
/// The real service over HTTP on a real SQLite file of its own, created fresh for each test class
/// (use it as an IClassFixture) and deleted afterwards.
/// </summary>
public class GaLaAidApp : WebApplicationFactory<Program>
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "galaaid-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The bootstrap admin's key: every app under test starts with this admin.</summary>
    public const string AdminKey = "gla_TestAdminKey0123456789abcdefghijklmnop";

    private readonly Dictionary<Role, string> keysByRole = new() { [Role.Admin] = AdminKey };

    public GaLaAidApp() => Directory.CreateDirectory(directory);

    public string DatabasePath => Path.Combine(directory, "galaaid.db");

    /// <summary>Counts the SQL commands the service sends, to prove nested lists are batched.</summary>
    public SqlCommandCounter SqlCommands { get; } = new();

    /// <summary>Counts the database connections the service opens, to prove a write keeps to one.</summary>
    public ConnectionOpenCounter ConnectionOpens { get; } = new();

    /// <summary>A GraphQL client signed in as the bootstrap admin.</summary>
    public GraphQLClient GraphQL() => GraphQL(AdminKey);

    /// <summary>A GraphQL client that sends this key (or none).</summary>
    public GraphQLClient GraphQL(string? apiKey)
    {
        var http = CreateClient();
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        return new GraphQLClient(http);
    }

    /// <summary>A GraphQL client signed in as a user of this role (created once per app, named after the role: "staff-user" …).</summary>
    public async Task<GraphQLClient> GraphQLAsAsync(Role role) => GraphQL(await KeyForAsync(role));

    public async Task<string> KeyForAsync(Role role)
    {
        if (keysByRole.TryGetValue(role, out var key))
        {
            return key;
        }

        var admin = GraphQL();
        var user = (await admin.MutateAsync(
            "createUser", "user", "{ id }",
            new { userName = UserNameOf(role), displayName = $"Test {role}", role = role.ToString().ToUpperInvariant() })).Ok();
        var created = (await admin.MutateAsync(
            "createApiKey", "created", "{ key }", new { userId = (string)user["id"]!, name = "tests" })).Ok();
        key = (string)created["key"]!;
        keysByRole[role] = key;
        return key;
    }

    public static string UserNameOf(Role role) => role == Role.Admin ? "admin" : $"{role.ToString().ToLowerInvariant()}-user";

    /// <summary>A scope with the service's own DbContext, to check what was stored.</summary>
    public async Task<T> QueryDatabaseAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Row counts of every ledger table and of the audit trail, to prove that a refused write wrote (and audited) nothing.</summary>
    public Task<LedgerCounts> LedgerCountsAsync() => QueryDatabaseAsync(async db => new LedgerCounts(
        await db.Donors.CountAsync(),
        await db.Funds.CountAsync(),
        await db.FundEntries.CountAsync(),
        await db.Recipients.CountAsync(),
        await db.Pledges.CountAsync(),
        await db.CashDonations.CountAsync(),
        await db.InKindDonations.CountAsync(),
        await db.DonationLines.CountAsync(),
        await db.StockItems.CountAsync(),
        await db.StockEntries.CountAsync(),
        await db.Handovers.CountAsync(),
        await db.Disbursements.CountAsync(),
        await db.Categories.CountAsync(),
        await db.StockItems.SumAsync(i => (long)i.QuantityOnHand),
        await db.Funds.SumAsync(f => f.BalanceFen),
        await db.AuditEntries.CountAsync()));

    protected virtual int FailedSignInsPerMinute => 100_000;

    protected virtual int SignInsPerMinute => 100_000;

    /// <summary>The configured bootstrap admin key; null starts the service as a real first install does, printing a new key.</summary>
    protected virtual string? BootstrapAdminKey => AdminKey;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Path", DatabasePath);
        if (BootstrapAdminKey is not null)
        {
            builder.UseSetting(BootstrapAdmin.EnvironmentVariable, BootstrapAdminKey);
        }

        // Every test client comes from one address; only the throttle's own tests want it tight.
        builder.UseSetting("Limits:FailedSignInsPerMinute", FailedSignInsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Limits:SignInsPerMinute", SignInsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(SqlCommands).AddSingleton<IInterceptor>(ConnectionOpens));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by the OS is removed with the temp folder later.
            }
        }
    }
}

public sealed record LedgerCounts(
    int Donors,
    int Funds,
    int FundEntries,
    int Recipients,
    int Pledges,
    int CashDonations,
    int InKindDonations,
    int DonationLines,
    int StockItems,
    int StockEntries,
    int Handovers,
    int Disbursements,
    int Categories,
    long QuantityOnHand,
    long FundBalanceFen,
    int AuditEntries);

public sealed class SqlCommandCounter : DbCommandInterceptor
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> texts = new();
    private int count;

    public int Count => Volatile.Read(ref count);

    /// <summary>The text of every command sent since the last reset, to prove what was translated to SQL.</summary>
    public IReadOnlyList<string> Texts => texts.ToArray();

    public void Reset()
    {
        Interlocked.Exchange(ref count, 0);
        texts.Clear();
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Record(DbCommand command)
    {
        Interlocked.Increment(ref count);
        texts.Enqueue(command.CommandText);
        // Long test classes send many commands between resets; only recent ones are ever inspected.
        while (texts.Count > 1000 && texts.TryDequeue(out _))
        {
        }
    }
}

public sealed class ConnectionOpenCounter : DbConnectionInterceptor
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public void Reset() => Interlocked.Exchange(ref count, 0);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Interlocked.Increment(ref count);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref count);
        return Task.CompletedTask;
    }
}
