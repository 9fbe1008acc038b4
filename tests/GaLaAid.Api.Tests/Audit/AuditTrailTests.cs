using System.Globalization;
using System.Text.Json.Nodes;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.Audit;
using GaLaAid.Api.GraphQL;
using static GaLaAid.Api.Tests.Audit.AuditReading;

namespace GaLaAid.Api.Tests.Audit;

/// <summary>Every write appends exactly one entry, in its own transaction, naming who did what to which rows.</summary>
public sealed class AuditTrailTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string IdNumber = "630121198805123456";
    private const string Phone = "13897654321";
    private const string Pin = "864209";

    private readonly LedgerScenario scenario = new(app);

    /// <summary>
    /// Runs one write and proves it appended exactly one entry, right after the previous head, by
    /// this actor and operation, listing exactly the rows the write inserted (taken from the database
    /// itself) and the rows it updated, with a hash that is the hash of the entry's own fields.
    /// </summary>
    private async Task<JsonNode> AuditedAsync(GraphQLClient client, string actor, string mutation, string resultField, string selection, object input, params string[] updated)
    {
        var auditor = await app.GraphQLAsAsync(Role.Auditor);
        var head = await HeadAsync(auditor);
        var rowsBefore = await RowIdsAsync(app);

        var result = (await client.MutateAsync(mutation, resultField, selection, input)).Ok();

        var inserted = Inserted(rowsBefore, await RowIdsAsync(app));
        var entries = await EntriesAsync(auditor, $"after: \"{Cursor.Encode((long)head["sequence"]!)}\"");
        var entry = Assert.Single(entries)!;
        Assert.Equal((long)head["sequence"]! + 1, (long)entry["sequence"]!);
        Assert.Equal((string?)head["hash"], (string?)entry["previousHash"]);
        Assert.Equal(actor, (string?)entry["actor"]);
        Assert.Equal(mutation, (string?)entry["operation"]);
        var writes = entry["writes"]!["nodes"]!.AsArray();
        Assert.Equal(inserted, writes.Where(w => (string?)w!["change"] == "INSERTED").Select(w => $"{w!["table"]} {w["rowId"]}").Order(StringComparer.Ordinal));
        Assert.Equal(updated, writes.Where(w => (string?)w!["change"] == "UPDATED").Select(w => $"{w!["table"]} {w["rowId"]}").Order(StringComparer.Ordinal));
        Assert.All(writes, w => Assert.Matches("^[0-9a-f]{64}$", (string?)w!["rowHash"]));
        Assert.Equal(
            AuditHash.Entry(
                (long)entry["sequence"]!,
                LedgerScenario.Utc(entry["recordedAt"]),
                (string)entry["actor"]!,
                (string)entry["operation"]!,
                (string)entry["input"]!,
                AuditWrite.ToJson(writes.Select(w => new AuditWrite((string)w!["table"]!, (long)w["rowId"]!, ((string)w["change"]!).ToLowerInvariant(), (string)w["rowHash"]!))),
                (string)entry["previousHash"]!),
            (string?)entry["hash"]);
        return result;
    }

    private static long Row(JsonNode node, string type) => LedgerScenario.RowId((string?)node["id"], type);

    [Fact]
    public async Task Every_kind_of_write_appends_one_entry_with_its_actor_and_the_rows_it_wrote_and_the_chain_verifies()
    {
        var staff = await app.GraphQLAsAsync(Role.Staff);
        var admin = app.GraphQL();
        const string Staff = "staff-user";

        var donor = await AuditedAsync(staff, Staff, "createDonor", "donor", "{ id }", new { name = "州委办公室党支部", kind = "PARTY_BRANCH" });
        var fund = await AuditedAsync(staff, Staff, "createFund", "fund", "{ id }", new { name = "慰问金" });
        await AuditedAsync(staff, Staff, "recordCashDonation", "cashDonation", "{ id }",
            new { donorId = donor["id"]!.ToString(), fundId = fund["id"]!.ToString(), amountFen = 500_000, receivedOn = LedgerScenario.Today() });
        var committee = await AuditedAsync(staff, Staff, "createRecipient", "recipient", "{ id }", new { kind = "VILLAGE_COMMITTEE", name = "尕拉村村委会" });
        var unit = await AuditedAsync(staff, Staff, "createRecipient", "recipient", "{ id }",
            new { kind = "SOCIAL_UNIT", name = "一社", parentId = committee["id"]!.ToString(), unitNumber = 1 });
        var household = await AuditedAsync(staff, Staff, "createRecipient", "recipient", "{ id }", new
        {
            kind = "HOUSEHOLD", name = "马家", parentId = unit["id"]!.ToString(), headOfHousehold = "马文德", memberCount = 5,
            isRegisteredPoor = true, idNumber = IdNumber, phone = Phone,
        });
        await AuditedAsync(staff, Staff, "createCategory", "category", "{ id }",
            new { code = "solar-lamp", name = "太阳能灯", nameEn = "Solar lamp", parentId = LedgerScenario.CategoryId(LedgerScenario.Appliances), defaultUnit = "台" });
        await AuditedAsync(staff, Staff, "recordPledge", "pledge", "{ id }",
            new { donorId = donor["id"]!.ToString(), kind = "CASH", description = "春耕资金", promisedAmountFen = 100_000 });
        var donation = await AuditedAsync(staff, Staff, "recordInKindDonation", "inKindDonation", "{ lines { items { nodes { id } } } }", new
        {
            donorId = donor["id"]!.ToString(),
            receivedOn = LedgerScenario.Today(),
            lines = new[] { LedgerScenario.Line(LedgerScenario.TvSet, 2, "PER_UNIT"), LedgerScenario.Line(LedgerScenario.Seed, 10, "LOT") },
        });
        var items = donation["lines"]!.AsArray().SelectMany(l => l!["items"]!["nodes"]!.AsArray()).Select(i => (string)i!["id"]!).ToList();
        var handover = await AuditedAsync(staff, Staff, "recordHandover", "handover", "{ id entries { id } }", new
        {
            recipientId = household["id"]!.ToString(), receivedBy = "马文德",
            lines = new object[] { new { itemId = items[0] }, new { itemId = items[2], quantity = 3 } },
        });
        await AuditedAsync(staff, Staff, "recordDisbursement", "disbursement", "{ id }", new
        {
            fundId = fund["id"]!.ToString(), recipientId = household["id"]!.ToString(), amountFen = 50_000, purpose = "慰问金", paidOn = LedgerScenario.Today(),
        });
        await AuditedAsync(staff, Staff, "adjustStock", "entry", "{ id }", new { itemId = items[2], quantityChange = -1, reason = "受潮" });
        var adjusted = await AuditedAsync(staff, Staff, "adjustFund", "entry", "{ id }", new { fundId = fund["id"]!.ToString(), amountFenChange = -100, reason = "点钞短款" });
        await AuditedAsync(staff, Staff, "reverseStockEntry", "entry", "{ id }",
            new { entryId = handover["entries"]![0]!["id"]!.ToString(), reason = "登记错了" });
        await AuditedAsync(staff, Staff, "reverseFundEntry", "entry", "{ id }", new { entryId = adjusted["id"]!.ToString(), reason = "找到了" });

        var user = await AuditedAsync(admin, BootstrapAdmin.UserName, "createUser", "user", "{ id }",
            new { userName = "zhuoma.v", displayName = "卓玛", role = "VOLUNTEER", pin = Pin });
        await AuditedAsync(admin, BootstrapAdmin.UserName, "setUserPin", "user", "{ id }",
            new { userId = user["id"]!.ToString(), pin = "975310" }, $"Users {Row(user, "User")}");
        var key = await AuditedAsync(admin, BootstrapAdmin.UserName, "createApiKey", "created", "{ key apiKey { id } }", new { userId = user["id"]!.ToString(), name = "phone" });
        await AuditedAsync(admin, BootstrapAdmin.UserName, "revokeApiKey", "apiKey", "{ id }",
            new { apiKeyId = key["apiKey"]!["id"]!.ToString() }, $"ApiKeys {Row(key["apiKey"]!, "ApiKey")}");

        var auditor = await app.GraphQLAsAsync(Role.Auditor);
        var head = await HeadAsync(auditor);
        var verification = await VerifyAsync(auditor);
        Assert.True((bool)verification["ok"]!, verification.ToJsonString());
        Assert.Null(verification["firstProblem"]);
        Assert.Equal((long)head["sequence"]!, (long)verification["headSequence"]!);
        Assert.Equal((string?)head["hash"], (string?)verification["headHash"]);
        Assert.Equal((long)head["sequence"]!, (int)verification["entriesChecked"]!);
        Assert.True((int)verification["rowsChecked"]! >= 40);
    }

    [Fact]
    public async Task The_trail_starts_with_the_migrated_categories_and_the_bootstrap_admin()
    {
        var auditor = await app.GraphQLAsAsync(Role.Auditor);
        var first = await EntriesAsync(auditor, "first: 2");

        Assert.Equal(1, (long)first[0]!["sequence"]!);
        Assert.Equal(AuditHash.Genesis, (string?)first[0]!["previousHash"]);
        Assert.Equal("migrate", (string?)first[0]!["operation"]);
        Assert.Equal("system", (string?)first[0]!["actor"]);
        Assert.Contains("AuditTrail", (string?)first[0]!["input"], StringComparison.Ordinal);
        Assert.Equal(
            Api.Categories.DefaultCategories.All.Select(c => $"Categories {c.Id}").Order(StringComparer.Ordinal),
            first[0]!["writes"]!["nodes"]!.AsArray().Select(w => $"{w!["table"]} {w["rowId"]}").Order(StringComparer.Ordinal));

        Assert.Equal("bootstrapAdmin", (string?)first[1]!["operation"]);
        Assert.Equal("system", (string?)first[1]!["actor"]);
        Assert.Equal(["ApiKeys", "Users"], first[1]!["writes"]!["nodes"]!.AsArray().Select(w => (string)w!["table"]!).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(GaLaAidApp.AdminKey, (string?)first[1]!["input"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_and_invalid_writes_append_nothing()
    {
        var auditor = await app.GraphQLAsAsync(Role.Auditor);
        var lot = await scenario.LotAsync(5);
        var fund = await scenario.FundAsync(1_000);
        var head = await HeadSequenceAsync(auditor);

        await scenario.RefusedAsync(() => scenario.Client.MutateAsync("adjustStock", "entry", "{ id }", new { itemId = lot.Id, quantityChange = -6, reason = "丢失" }), "INSUFFICIENT_STOCK");
        await scenario.RefusedAsync(() => scenario.Client.MutateAsync("adjustFund", "entry", "{ id }", new { fundId = fund, amountFenChange = -1_001, reason = "短款" }), "FUND_OVERDRAWN");
        await scenario.RefusedAsync(() => scenario.Client.MutateAsync("createDonor", "donor", "{ id }", new { name = " ", kind = "PERSON" }), "VALIDATION_FAILED", "name");
        var forbidden = await auditor.SendAsync("""mutation { createDonor(input: { name: "审计", kind: PERSON }) { donor { id } } }""");
        Assert.Equal(RoleAuthorization.Forbidden, (string?)forbidden.Json["errors"]![0]!["extensions"]!["code"]);

        Assert.Equal(head, await HeadSequenceAsync(auditor));
        Assert.True((bool)(await VerifyAsync(auditor))["ok"]!);
    }

    [Fact]
    public async Task The_trail_keeps_no_full_identity_number_phone_number_or_secret()
    {
        var admin = app.GraphQL();
        var village = await scenario.VillageAsync();
        (await admin.MutateAsync("createRecipient", "recipient", "{ id }", new
        {
            kind = "HOUSEHOLD", name = "才仁家", parentId = village.Unit, headOfHousehold = "才仁", memberCount = 3, idNumber = IdNumber, phone = Phone,
        })).Ok();
        var user = (await admin.MutateAsync("createUser", "user", "{ id }", new { userName = "tashi.v", displayName = "扎西", role = "VOLUNTEER", pin = Pin })).Ok();
        (await admin.MutateAsync("setUserPin", "user", "{ id }", new { userId = (string)user["id"]!, pin = "975310" })).Ok();
        var key = (string)(await admin.MutateAsync("createApiKey", "created", "{ key }", new { userId = (string)user["id"]!, name = "phone" })).Ok()["key"]!;

        var trail = (await EntriesAsync(await app.GraphQLAsAsync(Role.Auditor))).ToJsonString();

        Assert.DoesNotContain(IdNumber, trail, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, trail, StringComparison.Ordinal);
        Assert.DoesNotContain(Pin, trail, StringComparison.Ordinal);
        Assert.DoesNotContain("975310", trail, StringComparison.Ordinal);
        Assert.DoesNotContain(key, trail, StringComparison.Ordinal);
        var household = JsonNode.Parse((string)(await EntriesAsync(app.GraphQL(), "operation: \"createRecipient\", last: 1"))[0]!["input"]!)!;
        Assert.Equal("**************3456", (string?)household["idNumber"]);
        Assert.Equal("*******4321", (string?)household["phone"]);
        Assert.Equal("才仁", (string?)household["headOfHousehold"]);
        Assert.Equal("HOUSEHOLD", (string?)household["kind"]);
        var pin = JsonNode.Parse((string)(await EntriesAsync(app.GraphQL(), "operation: \"setUserPin\", last: 1"))[0]!["input"]!)!;
        Assert.Equal(AuditInput.Redacted, (string?)pin["pin"]);
    }

    [Fact]
    public async Task The_trail_filters_by_operation_actor_and_time()
    {
        var staff = await app.GraphQLAsAsync(Role.Staff);
        var auditor = await app.GraphQLAsAsync(Role.Auditor);
        // Not a second earlier: the tests before this one in the class may have written a moment ago.
        var start = DateTime.UtcNow;
        (await staff.MutateAsync("createDonor", "donor", "{ id }", new { name = "筛选捐赠人", kind = "PERSON" })).Ok();
        (await app.GraphQL().MutateAsync("createDonor", "donor", "{ id }", new { name = "筛选捐赠人二", kind = "PERSON" })).Ok();
        var end = DateTime.UtcNow.AddSeconds(1);
        string Moment(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        var byStaff = await EntriesAsync(auditor, $"operation: \"createDonor\", actor: \"staff-user\", from: \"{Moment(start)}\", to: \"{Moment(end)}\"");
        var inWindow = await EntriesAsync(auditor, $"operation: \"createDonor\", from: \"{Moment(start)}\", to: \"{Moment(end)}\"");
        var later = await EntriesAsync(auditor, $"from: \"{Moment(end)}\"");

        Assert.Contains("筛选捐赠人", (string?)Assert.Single(byStaff)!["input"], StringComparison.Ordinal);
        Assert.Equal(["staff-user", "admin"], inWindow.Select(e => (string)e!["actor"]!));
        Assert.Empty(later);
    }

    [Fact]
    public async Task Auditors_and_admins_read_the_trail_and_staff_and_volunteers_may_not()
    {
        foreach (var role in new[] { Role.Admin, Role.Auditor })
        {
            var client = await app.GraphQLAsAsync(role);
            Assert.True((bool)(await VerifyAsync(client))["ok"]!);
            Assert.NotEmpty(await EntriesAsync(client, "first: 1"));
        }

        foreach (var role in new[] { Role.Staff, Role.Volunteer })
        {
            var client = await app.GraphQLAsAsync(role);
            foreach (var query in new[] { "{ auditTrail { totalCount } }", "{ verifyAuditTrail { ok } }" })
            {
                var response = await client.SendAsync(query);
                Assert.Null(response.Json["data"]);
                Assert.Equal(RoleAuthorization.Forbidden, (string?)response.Json["errors"]![0]!["extensions"]!["code"]);
            }
        }
    }
}
