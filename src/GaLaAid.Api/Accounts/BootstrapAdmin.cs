using GaLaAid.Api.Audit;
using GaLaAid.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Accounts;

/// <summary>
/// On the first start with no users, creates the user "admin" with one API key and prints that key
/// once to the console; nobody can read it again later. Set GALAAID_BOOTSTRAP_ADMIN_KEY (at least 24
/// characters) to choose the key instead, e.g. for automated installs and tests.
/// </summary>
public static class BootstrapAdmin
{
    public const string EnvironmentVariable = "GALAAID_BOOTSTRAP_ADMIN_KEY";
    public const string UserName = "admin";
    public const string Operation = "bootstrapAdmin";

    public static async Task EnsureAsync(IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var chosen = configuration[EnvironmentVariable];
        if (chosen is not null && chosen.Trim().Length < Secrets.MinimumKeyLength)
        {
            throw new InvalidOperationException($"{EnvironmentVariable} must be at least {Secrets.MinimumKeyLength} characters long.");
        }

        var key = chosen?.Trim() ?? Secrets.NewApiKey();
        var audit = scope.ServiceProvider.GetRequiredService<AuditScope>();
        audit.Actor.ActAs(CurrentActor.System);
        audit.Begin(Operation, new { userName = UserName, keySource = chosen is null ? "generated" : EnvironmentVariable });
        await db.RunAsync(async () =>
        {
            var admin = new User { UserName = UserName, DisplayName = "Administrator", Role = Role.Admin, CreatedBy = CurrentActor.System, CreatedAt = now };
            db.Users.Add(admin);
            await db.SaveChangesAsync(cancellationToken);
            db.ApiKeys.Add(new ApiKey
            {
                UserId = admin.Id,
                Name = "bootstrap",
                Prefix = Secrets.DisplayPrefix(key),
                Hash = Secrets.HashApiKey(key),
                CreatedBy = CurrentActor.System,
                CreatedAt = now,
            });
            return admin;
        }, cancellationToken);

        if (chosen is null)
        {
            // Deliberately not through the logger: the key must not end up in log files or log shipping.
            Console.WriteLine();
            Console.WriteLine("GaLaAid created the user 'admin'. Its API key, shown only this once:");
            Console.WriteLine();
            Console.WriteLine($"    {key}");
            Console.WriteLine();
            Console.WriteLine("Send it as 'Authorization: Bearer <key>'. Create users and their own keys with it, then revoke it or keep it safe.");
            Console.WriteLine();
        }
    }
}
