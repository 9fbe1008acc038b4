namespace GaLaAid.Api.Tests.Handovers;

/// <summary>
/// A write keeps to one database connection from its first check to its commit: opening and closing
/// one per query, and one more for the transaction inside the writers' turn, cost every other writer time.
/// </summary>
public sealed class HandoverConnectionTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string TwoHandovers = """
        mutation($refused: RecordHandoverInput!, $accepted: RecordHandoverInput!) {
          refused: recordHandover(input: $refused) { handover { id } errors { ... on Error { code } } }
          accepted: recordHandover(input: $accepted) { handover { id } errors { ... on Error { code } } }
        }
        """;

    private readonly LedgerScenario scenario = new(app);

    private static object Input(string household, LedgerScenario.Item lot, int quantity) =>
        new { recipientId = household, receivedBy = "马文德", lines = new[] { new { labelCode = lot.LabelCode, quantity } } };

    /// <summary>
    /// The fewest connections any of three runs opened: signing in opens one more when the API key's
    /// cached entry has just expired, which may happen to one run, not to three in a row.
    /// </summary>
    private async Task<int> FewestConnectionsAsync(Func<int, Task> run)
    {
        var fewest = int.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            app.ConnectionOpens.Reset();
            await run(attempt);
            fewest = Math.Min(fewest, app.ConnectionOpens.Count);
        }

        return fewest;
    }

    [Fact]
    public async Task A_handover_checks_writes_and_audits_on_one_connection()
    {
        var household = (await scenario.VillageAsync()).Household;
        var lot = await scenario.LotAsync(10);
        (await scenario.HandOverAsync(household, LedgerScenario.Take(lot, 1))).Ok();

        app.SqlCommands.Reset();
        var fewest = await FewestConnectionsAsync(async _ =>
        {
            var input = new { recipientId = household, receivedBy = "马文德", lines = new[] { new { labelCode = lot.LabelCode, quantity = 2 } }, idempotencyKey = Guid.NewGuid().ToString() };
            (await scenario.Client.MutateAsync("recordHandover", "handover", "{ id }", input)).Ok();
        });

        // The idempotency check, the recipient, the item, the guarded update, the inserts, the audit entry …
        Assert.True(app.SqlCommands.Count >= 3 * 5, $"{app.SqlCommands.Count} commands");
        // … all through the one connection the mutation opened.
        Assert.Equal(1, fewest);
        Assert.Equal(3, await scenario.OnHandAsync(lot));
    }

    [Fact]
    public async Task A_refused_mutation_closes_its_connection_before_the_next_mutation_of_the_request()
    {
        var household = (await scenario.VillageAsync()).Household;
        var lots = new[] { await scenario.LotAsync(2), await scenario.LotAsync(2), await scenario.LotAsync(2) };

        var fewest = await FewestConnectionsAsync(async attempt =>
        {
            var data = await scenario.Client.DataAsync(TwoHandovers, new { refused = Input(household, lots[attempt], 3), accepted = Input(household, lots[attempt], 2) });

            Assert.Equal("INSUFFICIENT_STOCK", (string?)data["refused"]!["errors"]![0]!["code"]);
            Assert.NotNull(data["accepted"]!["handover"]);
        });

        // One each: left open by the refused one, the second would have found it open and opened none.
        Assert.Equal(2, fewest);
        foreach (var lot in lots)
        {
            Assert.Equal(0, await scenario.OnHandAsync(lot));
        }
    }
}
