using GaLaAid.Api.Accounts;
using GaLaAid.Api.Seed;
using GaLaAid.Api.Tests.Seed;
using Microsoft.EntityFrameworkCore;
using static GaLaAid.Api.Tests.Audit.AuditReading;

namespace GaLaAid.Api.Tests.Audit;

/// <summary>The demo seed writes through the same handlers, so the same trail records it, write by write.</summary>
public sealed class DemoSeedAuditTests(DemoSeededApp app) : IClassFixture<DemoSeededApp>
{
    private async Task<int> CountAsync(string arguments) =>
        (int)(await (await app.GraphQLAsAsync(Role.Auditor)).DataAsync($"{{ auditTrail({arguments}) {{ totalCount }} }}"))["auditTrail"]!["totalCount"]!;

    [Fact]
    public async Task The_demo_seed_is_audited_write_by_write_and_verifies()
    {
        var auditor = await app.GraphQLAsAsync(Role.Auditor);
        var recipients = await app.QueryDatabaseAsync(db => db.Recipients.CountAsync());
        var handovers = await app.QueryDatabaseAsync(db => db.Handovers.CountAsync());

        var verification = await VerifyAsync(auditor);

        Assert.True((bool)verification["ok"]!, verification.ToJsonString());
        Assert.True((int)verification["rowsChecked"]! > 1_000);
        Assert.Equal(recipients, await CountAsync($"actor: \"{DemoSeeder.ActorName}\", operation: \"seed:demo/createRecipient\""));
        Assert.Equal(2, await CountAsync("operation: \"seed:demo/recordInKindDonation\""));
        Assert.Equal(handovers, await CountAsync("operation: \"seed:demo/recordHandover\""));
        Assert.Equal(12, await CountAsync("operation: \"seed:demo/recordDisbursement\""));
        var seeded = await CountAsync($"actor: \"{DemoSeeder.ActorName}\"");
        var total = await CountAsync("first: 1");
        // Besides the seed: the migration and the bootstrap admin, and the auditor the admin created for this test.
        Assert.Equal(total, seeded + await CountAsync("actor: \"system\"") + await CountAsync($"actor: \"{BootstrapAdmin.UserName}\""));
    }

    [Fact]
    public async Task Seeding_again_writes_and_audits_nothing()
    {
        var auditor = await app.GraphQLAsAsync(Role.Auditor);
        var head = await HeadSequenceAsync(auditor);

        await DemoSeeder.SeedAsync(app.Services);

        Assert.Equal(head, await HeadSequenceAsync(auditor));
    }
}
