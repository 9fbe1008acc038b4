using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Handovers;

/// <summary>
/// recordHandover with an idempotency key: a resend (double tap, timeout, reload) returns the first
/// handover and writes nothing, also when the copies race each other.
/// </summary>
public sealed class HandoverIdempotencyTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string Selection = "{ id receivedBy recipient { id } entries { kind quantity item { id quantityOnHand } } }";

    private readonly LedgerScenario scenario = new(app);

    private static object Input(string recipientId, string key, object line, string receivedBy = "马文德") =>
        new { recipientId, receivedBy, lines = new[] { line }, idempotencyKey = key };

    private static string NewKey() => Guid.NewGuid().ToString();

    private Task<MutationResult> HandOverAsync(object input, GraphQLClient? client = null) =>
        (client ?? scenario.Client).MutateAsync("recordHandover", "handover", Selection, input);

    private Task<int> HandoversWithKeyAsync(string key) =>
        app.QueryDatabaseAsync(db => db.Handovers.CountAsync(h => h.IdempotencyKey == key));

    [Fact]
    public async Task RecordHandover_resent_with_the_same_key_returns_the_first_handover_and_writes_nothing()
    {
        var household = (await scenario.VillageAsync()).Household;
        var lot = await scenario.LotAsync(10);
        var key = NewKey();
        var input = Input(household, key, LedgerScenario.Take(lot, 3));

        var first = (await HandOverAsync(input)).Ok();
        var afterFirst = await app.LedgerCountsAsync();
        var again = (await HandOverAsync(input)).Ok();

        Assert.Equal((string?)first["id"], (string?)again["id"]);
        Assert.Equal(-3, (int)again["entries"]![0]!["quantity"]!);
        Assert.Equal(afterFirst, await app.LedgerCountsAsync());
        Assert.Equal(7, await scenario.OnHandAsync(lot));
        Assert.Equal(1, await HandoversWithKeyAsync(key));
    }

    [Fact]
    public async Task RecordHandover_resent_for_an_item_handed_over_by_the_first_request_returns_that_handover_instead_of_a_refusal()
    {
        var household = (await scenario.VillageAsync()).Household;
        var tv = (await scenario.PerUnitAsync(1))[0];
        var input = Input(household, NewKey(), new { labelCode = tv.LabelCode });

        var first = (await HandOverAsync(input)).Ok();
        var before = await app.LedgerCountsAsync();
        var again = (await HandOverAsync(input)).Ok();

        Assert.Equal((string?)first["id"], (string?)again["id"]);
        Assert.Equal(before, await app.LedgerCountsAsync());
        Assert.Equal(0, await scenario.OnHandAsync(tv));
    }

    [Fact]
    public async Task RecordHandover_refuses_the_same_key_with_different_input_and_writes_nothing()
    {
        var household = (await scenario.VillageAsync()).Household;
        var lot = await scenario.LotAsync(10);
        var key = NewKey();
        (await HandOverAsync(Input(household, key, LedgerScenario.Take(lot, 3)))).Ok();

        await scenario.RefusedAsync(() => HandOverAsync(Input(household, key, LedgerScenario.Take(lot, 4))), "IDEMPOTENCY_KEY_REUSED");
        await scenario.RefusedAsync(() => HandOverAsync(Input(household, key, LedgerScenario.Take(lot, 3), receivedBy: "另一个人")), "IDEMPOTENCY_KEY_REUSED");

        Assert.Equal(7, await scenario.OnHandAsync(lot));
        Assert.Equal(1, await HandoversWithKeyAsync(key));
    }

    [Fact]
    public async Task RecordHandover_with_new_keys_records_each_handover()
    {
        var household = (await scenario.VillageAsync()).Household;
        var lot = await scenario.LotAsync(10);
        var before = await app.LedgerCountsAsync();

        var first = (await HandOverAsync(Input(household, NewKey(), LedgerScenario.Take(lot, 3)))).Ok();
        var second = (await HandOverAsync(Input(household, NewKey(), LedgerScenario.Take(lot, 3)))).Ok();

        Assert.NotEqual((string?)first["id"], (string?)second["id"]);
        Assert.Equal(before with { Handovers = before.Handovers + 2, AuditEntries = before.AuditEntries + 2, StockEntries = before.StockEntries + 2, QuantityOnHand = before.QuantityOnHand - 6 }, await app.LedgerCountsAsync());
        Assert.Equal(4, await scenario.OnHandAsync(lot));
    }

    [Fact]
    public async Task RecordHandover_keeps_keys_per_user_so_another_users_key_never_returns_their_handover()
    {
        var household = (await scenario.VillageAsync()).Household;
        var lot = await scenario.LotAsync(10);
        var key = NewKey();
        var volunteer = await app.GraphQLAsAsync(Role.Volunteer);

        var mine = (await HandOverAsync(Input(household, key, LedgerScenario.Take(lot, 2)))).Ok();
        var theirs = (await HandOverAsync(Input(household, key, LedgerScenario.Take(lot, 2)), volunteer)).Ok();

        Assert.NotEqual((string?)mine["id"], (string?)theirs["id"]);
        Assert.Equal(6, await scenario.OnHandAsync(lot));
        Assert.Equal(2, await HandoversWithKeyAsync(key));
    }

    [Fact]
    public async Task RecordHandover_refused_for_too_little_stock_keeps_no_key_so_the_same_key_may_be_sent_again()
    {
        var household = (await scenario.VillageAsync()).Household;
        var lot = await scenario.LotAsync(5);
        var key = NewKey();

        await scenario.RefusedAsync(() => HandOverAsync(Input(household, key, LedgerScenario.Take(lot, 6))), "INSUFFICIENT_STOCK");
        var handover = (await HandOverAsync(Input(household, key, LedgerScenario.Take(lot, 5)))).Ok();

        Assert.Equal(-5, (int)handover["entries"]![0]!["quantity"]!);
        Assert.Equal(0, await scenario.OnHandAsync(lot));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has spaces in it")]
    [InlineData("emoji-🙂-key")]
    [InlineData("x")]
    public async Task RecordHandover_refuses_a_malformed_idempotency_key(string key)
    {
        var household = (await scenario.VillageAsync()).Household;
        var lot = await scenario.LotAsync(5);

        await scenario.RefusedAsync(() => HandOverAsync(Input(household, key, LedgerScenario.Take(lot, 1))), "VALIDATION_FAILED", "idempotencyKey");
        await scenario.RefusedAsync(() => HandOverAsync(Input(household, new string('k', 101), LedgerScenario.Take(lot, 1))), "VALIDATION_FAILED", "idempotencyKey");
    }

    [Fact]
    public async Task RecordHandover_sent_by_twenty_clients_at_once_with_one_key_records_one_handover()
    {
        var household = (await scenario.VillageAsync()).Household;
        var lot = await scenario.LotAsync(100);
        var key = NewKey();
        var input = Input(household, key, LedgerScenario.Take(lot, 4));
        var before = await app.LedgerCountsAsync();
        var clients = Enumerable.Range(0, 20).Select(_ => app.GraphQL()).ToList();

        var results = await Task.WhenAll(clients.Select(client => HandOverAsync(input, client)));

        var ids = results.Select(r => (string?)r.Ok()["id"]).Distinct().ToList();
        Assert.Single(ids);
        Assert.Equal(
            before with { Handovers = before.Handovers + 1, AuditEntries = before.AuditEntries + 1, StockEntries = before.StockEntries + 1, QuantityOnHand = before.QuantityOnHand - 4 },
            await app.LedgerCountsAsync());
        var itemId = (int)LedgerScenario.RowId(lot.Id, "Item");
        var distributed = await app.QueryDatabaseAsync(db => db.StockEntries
            .Where(e => e.StockItemId == itemId && e.Kind == LedgerEntryKind.Distributed).Select(e => e.Quantity).ToListAsync());
        Assert.Equal([-4], distributed);
        Assert.Equal(96, await scenario.OnHandAsync(lot));
    }

    [Fact]
    public async Task RecordHandover_of_a_single_unit_sent_by_twenty_clients_at_once_with_one_key_returns_one_handover_to_all()
    {
        // The item is read before the write turn: the copies that come after the first find it
        // handed over by the guarded update, and must still answer with the first copy's handover.
        var household = (await scenario.VillageAsync()).Household;
        var tv = (await scenario.PerUnitAsync(1))[0];
        var input = Input(household, NewKey(), new { labelCode = tv.LabelCode });
        var before = await app.LedgerCountsAsync();
        var clients = Enumerable.Range(0, 20).Select(_ => app.GraphQL()).ToList();

        var results = await Task.WhenAll(clients.Select(client => HandOverAsync(input, client)));

        Assert.Single(results.Select(r => (string?)r.Ok()["id"]).Distinct());
        Assert.Equal(
            before with { Handovers = before.Handovers + 1, AuditEntries = before.AuditEntries + 1, StockEntries = before.StockEntries + 1, QuantityOnHand = before.QuantityOnHand - 1 },
            await app.LedgerCountsAsync());
        Assert.Equal(0, await scenario.OnHandAsync(tv));
    }
}
