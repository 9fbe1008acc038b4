namespace GaLaAid.Api.Tests.Handovers;

/// <summary>
/// A write keeps to one database connection from its first check to its commit: opening and closing
/// one per query, and one more for the transaction inside the writers' turn, cost every other writer time.
/// </summary>
public sealed class HandoverConnectionTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private readonly LedgerScenario scenario = new(app);

    [Fact]
    public async Task A_handover_checks_writes_and_audits_on_one_connection()
    {
        var household = (await scenario.VillageAsync()).Household;
        var lot = await scenario.LotAsync(10);
        (await scenario.HandOverAsync(household, LedgerScenario.Take(lot, 1))).Ok();
        var input = new { recipientId = household, receivedBy = "马文德", lines = new[] { new { labelCode = lot.LabelCode, quantity = 2 } }, idempotencyKey = Guid.NewGuid().ToString() };

        app.ConnectionOpens.Reset();
        app.SqlCommands.Reset();
        (await scenario.Client.MutateAsync("recordHandover", "handover", "{ id }", input)).Ok();

        // The idempotency check, the recipient, the item, the guarded update, the inserts, the audit entry …
        Assert.True(app.SqlCommands.Count >= 5, $"{app.SqlCommands.Count} commands");
        // … all through the one connection the mutation opened.
        Assert.Equal(1, app.ConnectionOpens.Count);
        Assert.Equal(7, await scenario.OnHandAsync(lot));
    }

    [Fact]
    public async Task A_refused_handover_gives_its_connection_back_and_the_next_write_works()
    {
        var household = (await scenario.VillageAsync()).Household;
        var lot = await scenario.LotAsync(2);

        await scenario.RefusedAsync(() => scenario.HandOverAsync(household, LedgerScenario.Take(lot, 3)), "INSUFFICIENT_STOCK");
        (await scenario.HandOverAsync(household, LedgerScenario.Take(lot, 2))).Ok();

        Assert.Equal(0, await scenario.OnHandAsync(lot));
    }
}
