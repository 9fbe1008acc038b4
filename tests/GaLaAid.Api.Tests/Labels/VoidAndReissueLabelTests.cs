using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Labels;
using GaLaAid.Api.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GaLaAid.Api.Tests.Labels;

public sealed class VoidAndReissueLabelTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string Mutation = """
        mutation($input: VoidAndReissueLabelInput!) {
          voidAndReissueLabel(input: $input) {
            item { id labelCode labelHistory { code status issuedAt issuedBy voidedAt voidedBy reason replacedBy } }
            errors {
              __typename
              ... on Error { code message }
              ... on ValidationError { field }
              ... on InvalidIdError { field }
              ... on NotFoundError { field }
              ... on LabelVoidedError { field labelCode currentCode voidedAt reason }
            }
          }
        }
        """;

    private readonly LedgerScenario scenario = new(app);

    private static async Task<MutationResult> ReissueAsync(GraphQLClient client, object input)
    {
        var payload = (await client.DataAsync(Mutation, new { input }))["voidAndReissueLabel"]!;
        return new MutationResult(payload["item"], payload["errors"]!.AsArray());
    }

    private async Task<GraphQLClient> StaffAsync() => await app.GraphQLAsAsync(Role.Staff);

    private Task<int> ReissueCountAsync() => app.QueryDatabaseAsync(db => db.LabelReissues.CountAsync());

    private Task<List<string>> CurrentCodesAsync() => app.QueryDatabaseAsync(db => db.StockItems.OrderBy(i => i.Id).Select(i => i.LabelCode).ToListAsync());

    /// <summary>Runs a reissue that must be refused with one typed error, and proves nothing was written anywhere.</summary>
    private async Task<JsonNode> RefusedAsync(object input, string code, string typeName, string? field = null, GraphQLClient? client = null)
    {
        var before = (await app.LedgerCountsAsync(), await ReissueCountAsync(), string.Join(",", await CurrentCodesAsync()));

        var error = (await ReissueAsync(client ?? await StaffAsync(), input)).SingleError(code);

        Assert.Equal(typeName, (string?)error["__typename"]);
        if (field is not null)
        {
            Assert.Equal(field, (string?)error["field"]);
        }

        Assert.Equal(before, (await app.LedgerCountsAsync(), await ReissueCountAsync(), string.Join(",", await CurrentCodesAsync())));
        return error;
    }

    private async Task<HttpResponseMessage> ImageAsync(string code)
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GaLaAidApp.AdminKey);
        return await http.GetAsync(new Uri($"/labels/{code}.png", UriKind.Relative));
    }

    [Fact]
    public async Task VoidAndReissueLabel_issues_a_new_code_and_voids_the_old_one_everywhere()
    {
        var tv = (await scenario.PerUnitAsync(2))[0];
        var staff = await StaffAsync();
        var before = await app.LedgerCountsAsync();
        var from = DateTime.UtcNow;

        var item = (await ReissueAsync(staff, new { labelCode = tv.LabelCode.Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant(), reason = " 标签被雨水泡坏 " })).Ok();

        var to = DateTime.UtcNow;
        var newCode = (string)item["labelCode"]!;
        Assert.Equal(tv.Id, (string?)item["id"]);
        Assert.NotEqual(tv.LabelCode, newCode);
        Assert.True(LabelCode.TryNormalize(newCode, out var canonical) && canonical == newCode, $"{newCode} is not a canonical label code");

        var history = item["labelHistory"]!.AsArray();
        Assert.Equal(2, history.Count);
        Assert.Equal(tv.LabelCode, (string?)history[0]!["code"]);
        Assert.Equal("VOIDED", (string?)history[0]!["status"]);
        Assert.Equal("admin", (string?)history[0]!["issuedBy"]);
        Assert.Equal(GaLaAidApp.UserNameOf(Role.Staff), (string?)history[0]!["voidedBy"]);
        Assert.Equal("标签被雨水泡坏", (string?)history[0]!["reason"]);
        Assert.Equal(newCode, (string?)history[0]!["replacedBy"]);
        LedgerScenario.RecordedBetween(from, LedgerScenario.Utc(history[0]!["voidedAt"]), to);
        Assert.True(LedgerScenario.Utc(history[0]!["issuedAt"]) <= from);
        Assert.Equal(newCode, (string?)history[1]!["code"]);
        Assert.Equal("ACTIVE", (string?)history[1]!["status"]);
        Assert.Equal(GaLaAidApp.UserNameOf(Role.Staff), (string?)history[1]!["issuedBy"]);
        Assert.Equal(history[0]!["voidedAt"]!.ToJsonString(), history[1]!["issuedAt"]!.ToJsonString());
        Assert.Null(history[1]!["voidedAt"]);
        Assert.Null(history[1]!["voidedBy"]);
        Assert.Null(history[1]!["reason"]);
        Assert.Null(history[1]!["replacedBy"]);

        // Stored: one reissue row, the item's cached code moved, no ledger entry, one audit entry.
        var itemId = (int)LedgerScenario.RowId(tv.Id, "Item");
        var stored = await app.QueryDatabaseAsync(db => db.LabelReissues.SingleAsync(r => r.StockItemId == itemId));
        Assert.Equal((tv.LabelCode, newCode, "标签被雨水泡坏", "staff-user"), (stored.VoidedCode, stored.NewCode, stored.Reason, stored.RecordedBy));
        LedgerScenario.RecordedBetween(from, stored.RecordedAt, to);
        Assert.Equal(newCode, await app.QueryDatabaseAsync(db => db.StockItems.Where(i => i.Id == itemId).Select(i => i.LabelCode).SingleAsync()));
        Assert.Equal(before with { AuditEntries = before.AuditEntries + 1 }, await app.LedgerCountsAsync());

        // The old code is refused by the image endpoint and by itemByCode, each naming the new code.
        using var gone = await ImageAsync(tv.LabelCode);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        var goneError = JsonNode.Parse(await gone.Content.ReadAsStringAsync())!["errors"]![0]!;
        Assert.Equal("LABEL_VOIDED", (string?)goneError["extensions"]!["code"]);
        Assert.Equal(newCode, (string?)goneError["extensions"]!["currentCode"]);
        Assert.Contains(newCode, (string?)goneError["message"], StringComparison.Ordinal);

        var volunteer = await app.GraphQLAsAsync(Role.Volunteer);
        var lookup = await volunteer.SendAsync("query($code: String!) { itemByCode(code: $code) { id } }", new { code = tv.LabelCode.ToLowerInvariant() });
        Assert.Equal(["LABEL_VOIDED"], lookup.Codes());
        Assert.Null(lookup.Json["data"]!["itemByCode"]);
        var message = (string)lookup.Json["errors"]![0]!["message"]!;
        Assert.Contains(newCode, message, StringComparison.Ordinal);
        Assert.Contains("标签被雨水泡坏", message, StringComparison.Ordinal);
        Assert.Contains(stored.RecordedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), message, StringComparison.Ordinal);
        Assert.Contains("scan the new label", message, StringComparison.Ordinal);

        // The new code resolves, and its label decodes to its own handover page.
        var found = (await volunteer.DataAsync("query($code: String!) { itemByCode(code: $code) { id labelCode labelUrl } }", new { code = newCode }))["itemByCode"]!;
        Assert.Equal(tv.Id, (string?)found["id"]);
        Assert.Equal($"http://localhost:5080/h/{newCode}", (string?)found["labelUrl"]);
        using var image = await ImageAsync(newCode);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal((string?)found["labelUrl"], QrDecoding.DecodeSingle(PngReader.Read(await image.Content.ReadAsByteArrayAsync())));
    }

    [Fact]
    public async Task VoidAndReissueLabel_by_item_id_chains_the_history_and_old_codes_name_the_current_one()
    {
        var seed = await scenario.LotAsync(50);

        var second = (string)(await ReissueAsync(app.GraphQL(), new { itemId = seed.Id, reason = "标签破损" })).Ok()["labelCode"]!;
        var third = (await ReissueAsync(await StaffAsync(), new { itemId = seed.Id, reason = "标签丢失" })).Ok();

        var history = third["labelHistory"]!.AsArray();
        Assert.Equal([seed.LabelCode, second, (string)third["labelCode"]!], history.Select(h => (string)h!["code"]!));
        Assert.Equal(["VOIDED", "VOIDED", "ACTIVE"], history.Select(h => (string)h!["status"]!));
        Assert.Equal([second, (string)third["labelCode"]!, null], history.Select(h => (string?)h!["replacedBy"]));
        Assert.Equal(["标签破损", "标签丢失", null], history.Select(h => (string?)h!["reason"]));
        Assert.Equal(["admin", "admin", "staff-user"], history.Select(h => (string)h!["issuedBy"]!));

        // The first code, voided two reissues ago, names the code the item carries now.
        var lookup = await app.GraphQL().SendAsync("query($code: String!) { itemByCode(code: $code) { id } }", new { code = seed.LabelCode });
        Assert.Contains((string)third["labelCode"]!, (string)lookup.Json["errors"]![0]!["message"]!, StringComparison.Ordinal);

        // An item that was never reissued has one active code, issued when it was received.
        var fresh = (await scenario.PerUnitAsync(1))[0];
        var only = Assert.Single((await app.GraphQL().DataAsync("query($id: ID!) { node(id: $id) { ... on Item { labelHistory { code status issuedBy voidedAt } } } }", new { id = fresh.Id }))
            ["node"]!["labelHistory"]!.AsArray())!;
        Assert.Equal((fresh.LabelCode, "ACTIVE", "admin"), ((string)only["code"]!, (string)only["status"]!, (string)only["issuedBy"]!));
        Assert.Null(only["voidedAt"]);
    }

    [Fact]
    public async Task RecordHandover_refuses_a_voided_label_code_and_writes_nothing()
    {
        var village = await scenario.VillageAsync();
        var tvs = await scenario.PerUnitAsync(2);
        var newCode = (string)(await ReissueAsync(app.GraphQL(), new { labelCode = tvs[0].LabelCode, reason = "二维码刮花" })).Ok()["labelCode"]!;
        var volunteer = await app.GraphQLAsAsync(Role.Volunteer);
        var before = await app.LedgerCountsAsync();

        var payload = (await volunteer.DataAsync(
            """
            mutation($input: RecordHandoverInput!) {
              recordHandover(input: $input) {
                handover { id }
                errors { __typename ... on Error { code message } ... on LabelVoidedError { field labelCode currentCode reason } }
              }
            }
            """,
            new { input = new { recipientId = village.Household, receivedBy = "马文德", lines = new object[] { new { labelCode = tvs[1].LabelCode }, new { labelCode = tvs[0].LabelCode.ToLowerInvariant() } } } }))
            ["recordHandover"]!;

        Assert.Null(payload["handover"]);
        var error = Assert.Single(payload["errors"]!.AsArray())!;
        Assert.Equal("LabelVoidedError", (string?)error["__typename"]);
        Assert.Equal("LABEL_VOIDED", (string?)error["code"]);
        Assert.Equal("lines[1].labelCode", (string?)error["field"]);
        Assert.Equal(tvs[0].LabelCode, (string?)error["labelCode"]);
        Assert.Equal(newCode, (string?)error["currentCode"]);
        Assert.Equal("二维码刮花", (string?)error["reason"]);
        Assert.Contains(newCode, (string?)error["message"], StringComparison.Ordinal);
        Assert.Equal(before, await app.LedgerCountsAsync());

        var handover = await volunteer.MutateAsync("recordHandover", "handover", "{ entries { quantity item { labelCode } } }",
            new { recipientId = village.Household, receivedBy = "马文德", lines = new[] { new { labelCode = newCode } } });
        Assert.Equal(newCode, (string?)handover.Ok()["entries"]![0]!["item"]!["labelCode"]);
    }

    [Fact]
    public async Task VoidAndReissueLabel_refuses_an_unknown_item_or_code()
    {
        await scenario.PerUnitAsync(1);

        await RefusedAsync(new { itemId = GlobalId.Encode("Item", 987_654), reason = "破损" }, "NOT_FOUND", "NotFoundError", "itemId");
        await RefusedAsync(new { labelCode = LabelCode.NewCode(), reason = "破损" }, "NOT_FOUND", "NotFoundError", "labelCode");
        await RefusedAsync(new { itemId = GlobalId.Encode("Donor", 1), reason = "破损" }, "INVALID_ID", "InvalidIdError", "itemId");
    }

    [Theory]
    [InlineData("GL-XXXX")]
    [InlineData("GL-7K3Q-9XWE")]
    [InlineData("")]
    public async Task VoidAndReissueLabel_refuses_a_mistyped_code(string code)
    {
        await scenario.PerUnitAsync(1);

        await RefusedAsync(new { labelCode = code, reason = "破损" }, "VALIDATION_FAILED", "ValidationError", "labelCode");
    }

    [Fact]
    public async Task VoidAndReissueLabel_refuses_both_or_neither_of_item_id_and_label_code()
    {
        var tv = (await scenario.PerUnitAsync(1))[0];

        await RefusedAsync(new { itemId = tv.Id, labelCode = tv.LabelCode, reason = "破损" }, "VALIDATION_FAILED", "ValidationError", "itemId");
        await RefusedAsync(new { reason = "破损" }, "VALIDATION_FAILED", "ValidationError", "itemId");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task VoidAndReissueLabel_refuses_a_blank_or_over_long_reason(string? reason)
    {
        var tv = (await scenario.PerUnitAsync(1))[0];

        await RefusedAsync(new { itemId = tv.Id, reason = reason ?? new string('破', LabelReissue.MaxReasonLength + 1) }, "VALIDATION_FAILED", "ValidationError", "reason");
    }

    [Fact]
    public async Task VoidAndReissueLabel_accepts_a_reason_of_exactly_500_characters()
    {
        var tv = (await scenario.PerUnitAsync(1))[0];

        var item = (await ReissueAsync(await StaffAsync(), new { itemId = tv.Id, reason = new string('破', LabelReissue.MaxReasonLength) })).Ok();

        Assert.Equal(LabelReissue.MaxReasonLength, ((string)item["labelHistory"]![0]!["reason"]!).Length);
    }

    [Fact]
    public async Task VoidAndReissueLabel_refuses_a_code_that_was_already_voided()
    {
        var tv = (await scenario.PerUnitAsync(1))[0];
        var newCode = (string)(await ReissueAsync(await StaffAsync(), new { labelCode = tv.LabelCode, reason = "破损" })).Ok()["labelCode"]!;

        var error = await RefusedAsync(new { labelCode = tv.LabelCode, reason = "又破损" }, "LABEL_VOIDED", "LabelVoidedError", "labelCode");

        Assert.Equal(tv.LabelCode, (string?)error["labelCode"]);
        Assert.Equal(newCode, (string?)error["currentCode"]);
        Assert.Equal("破损", (string?)error["reason"]);
    }

    [Theory]
    [InlineData(Role.Volunteer)]
    [InlineData(Role.Auditor)]
    public async Task VoidAndReissueLabel_is_forbidden_to_volunteers_and_auditors(Role role)
    {
        var tv = (await scenario.PerUnitAsync(1))[0];
        var client = await app.GraphQLAsAsync(role);
        var before = (await app.LedgerCountsAsync(), await ReissueCountAsync(), string.Join(",", await CurrentCodesAsync()));

        var response = await client.SendAsync(Mutation, new { input = new { labelCode = tv.LabelCode, reason = "破损" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        response.AssertForbidden();
        Assert.Equal(before, (await app.LedgerCountsAsync(), await ReissueCountAsync(), string.Join(",", await CurrentCodesAsync())));
    }

    [Fact]
    public async Task Two_concurrent_reissues_of_one_label_let_exactly_one_through()
    {
        var tv = (await scenario.PerUnitAsync(1))[0];
        var admin = app.GraphQL();
        var staff = await StaffAsync();

        var results = await Task.WhenAll(
            ReissueAsync(admin, new { labelCode = tv.LabelCode, reason = "破损 A" }),
            ReissueAsync(staff, new { labelCode = tv.LabelCode, reason = "破损 B" }));

        var winner = Assert.Single(results, r => r.Errors.Count == 0);
        var loser = Assert.Single(results, r => r.Errors.Count > 0);
        var newCode = (string)winner.Result!["labelCode"]!;
        Assert.Equal("LABEL_VOIDED", (string?)loser.SingleError("LABEL_VOIDED")["code"]);
        Assert.Equal(newCode, (string?)loser.Errors[0]!["currentCode"]);
        var itemId = (int)LedgerScenario.RowId(tv.Id, "Item");
        var reissues = await app.QueryDatabaseAsync(db => db.LabelReissues.Where(r => r.StockItemId == itemId).ToListAsync());
        Assert.Equal((tv.LabelCode, newCode), (Assert.Single(reissues).VoidedCode, reissues[0].NewCode));
        Assert.Equal(newCode, await app.QueryDatabaseAsync(db => db.StockItems.Where(i => i.Id == itemId).Select(i => i.LabelCode).SingleAsync()));
    }

    [Fact]
    public async Task Reissue_refuses_an_item_read_before_another_reissue_committed_and_writes_nothing()
    {
        var tv = (await scenario.PerUnitAsync(1))[0];
        var itemId = (int)LedgerScenario.RowId(tv.Id, "Item");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stale = await db.StockItems.SingleAsync(i => i.Id == itemId);
        var newCode = (string)(await ReissueAsync(app.GraphQL(), new { itemId = tv.Id, reason = "破损" })).Ok()["labelCode"]!;
        var before = (await app.LedgerCountsAsync(), await ReissueCountAsync(), string.Join(",", await CurrentCodesAsync()));
        var actor = scope.ServiceProvider.GetRequiredService<CurrentActor>();
        actor.ActAs("late-staff");
        db.Audit.Begin("voidAndReissueLabel", new { itemId = tv.Id, reason = "也破损" });

        var refused = await Assert.ThrowsAsync<DomainException>(() => db.RunAsync(
            () => LabelLedger.ReissueAsync(db, actor, stale, "也破损", "itemId", CancellationToken.None), CancellationToken.None));

        var error = Assert.IsType<LabelVoidedError>(Assert.Single(refused.Errors));
        Assert.Equal(("itemId", tv.LabelCode, newCode), (error.Field, error.Voided.Code, error.Voided.CurrentCode));
        Assert.Equal(before, (await app.LedgerCountsAsync(), await ReissueCountAsync(), string.Join(",", await CurrentCodesAsync())));
    }

    [Fact]
    public async Task Label_history_of_a_page_of_items_is_loaded_in_the_same_few_sql_commands_for_5_or_50()
    {
        var items = await scenario.PerUnitAsync(50);
        foreach (var item in items.Where((_, index) => index % 2 == 0))
        {
            (await ReissueAsync(app.GraphQL(), new { itemId = item.Id, reason = "标签破损" })).Ok();
        }

        var after = GaLaAid.Api.GraphQL.Cursor.Encode(LedgerScenario.RowId(items[0].Id, "Item") - 1);
        const string Query = "query($first: Int!, $after: String) { stockItems(first: $first, after: $after) { nodes { labelCode labelHistory { code status issuedBy } } } }";

        async Task<(int Commands, JsonArray Nodes)> CountAsync(int first)
        {
            app.SqlCommands.Reset();
            var data = await app.GraphQL().DataAsync(Query, new { first, after });
            return (app.SqlCommands.Count, data["stockItems"]!["nodes"]!.AsArray());
        }

        var (five, _) = await CountAsync(5);
        var (fifty, nodes) = await CountAsync(50);

        Assert.Equal(50, nodes.Count);
        Assert.Equal(25, nodes.Count(n => n!["labelHistory"]!.AsArray().Count == 2));
        Assert.All(nodes, n => Assert.Equal((string?)n!["labelCode"], (string?)n["labelHistory"]!.AsArray()[^1]!["code"]));
        Assert.Equal(five, fifty);
    }
}
