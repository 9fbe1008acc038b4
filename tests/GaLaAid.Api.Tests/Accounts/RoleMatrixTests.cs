using System.Net;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GaLaAid.Api.Tests.Accounts;

/// <summary>
/// Who may use which root field, proven for every field of the running schema and every role (and
/// nobody): each field declares its roles, the declaration is the intended policy below, and the
/// service admits exactly those roles, refusing the others before anything runs or is written.
/// </summary>
public sealed class RoleMatrixTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private static readonly Role[] Everyone = [Role.Admin, Role.Staff, Role.Volunteer, Role.Auditor];
    private static readonly Role[] Readers = [Role.Admin, Role.Staff, Role.Auditor];
    private static readonly Role[] Writers = [Role.Admin, Role.Staff];
    private static readonly Role[] AccountReaders = [Role.Admin, Role.Auditor];
    private static readonly Role[] AdminOnly = [Role.Admin];

    /// <summary>
    /// The intended policy, written out: admin everything; staff every ledger read and write but no
    /// account management; volunteer item look-up, recipients, categories, their own handovers and
    /// recording handovers; auditor every read (accounts, both ledgers and the audit trail included) and no write; the audit
    /// trail, which records account management too, is for auditors and admins only.
    /// </summary>
    private static readonly Dictionary<string, Role[]> ExpectedQueries = new(StringComparer.Ordinal)
    {
        ["node"] = Readers,
        ["me"] = Everyone,
        ["users"] = AccountReaders,
        ["donors"] = Readers,
        ["funds"] = Readers,
        ["fundBalances"] = Readers,
        ["fundEntries"] = Readers,
        ["categories"] = Everyone,
        ["recipients"] = Everyone,
        ["cashDonations"] = Readers,
        ["inKindDonations"] = Readers,
        ["stockItems"] = Readers,
        ["itemByCode"] = Everyone,
        ["stockEntries"] = Readers,
        ["stockOnHand"] = Readers,
        ["pledges"] = Readers,
        ["handovers"] = Everyone,
        ["disbursements"] = Readers,
        ["labelPrintJobs"] = Readers,
        ["auditTrail"] = AccountReaders,
        ["verifyAuditTrail"] = AccountReaders,
        ["reconciliation"] = Readers,
        ["pledgeFulfilment"] = Readers,
        ["householdCoverage"] = Readers,
    };

    private static readonly Dictionary<string, Role[]> ExpectedMutations = new(StringComparer.Ordinal)
    {
        ["createDonor"] = Writers,
        ["createFund"] = Writers,
        ["createCategory"] = Writers,
        ["createRecipient"] = Writers,
        ["recordPledge"] = Writers,
        ["recordCashDonation"] = Writers,
        ["recordInKindDonation"] = Writers,
        ["recordHandover"] = [Role.Admin, Role.Staff, Role.Volunteer],
        ["recordDisbursement"] = Writers,
        ["adjustStock"] = Writers,
        ["voidAndReissueLabel"] = Writers,
        ["adjustFund"] = Writers,
        ["reverseStockEntry"] = Writers,
        ["reverseFundEntry"] = Writers,
        ["createUser"] = AdminOnly,
        ["setUserPin"] = AdminOnly,
        ["createApiKey"] = AdminOnly,
        ["revokeApiKey"] = AdminOnly,
    };

    public static TheoryData<string> QueryFields() => new(ExpectedQueries.Keys);

    public static TheoryData<string> MutationFields() => new(ExpectedMutations.Keys);

    private ISchema Schema()
    {
        var schema = app.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        return schema;
    }

    [Fact]
    public void Every_root_field_declares_the_roles_that_may_use_it()
    {
        var schema = Schema();
        var undeclared = schema.Query.Fields.Concat(schema.Mutation!.Fields)
            .Where(field => field.AllowedRoles() is not { Count: > 0 })
            .Select(field => field.Name)
            .ToList();

        Assert.True(undeclared.Count == 0, $"Root fields without roles (denied to everyone, and missing from the policy): {string.Join(", ", undeclared)}");
    }

    [Fact]
    public void The_root_fields_are_exactly_those_of_the_intended_policy()
    {
        var schema = Schema();

        Assert.Equal(ExpectedQueries.Keys.Order(StringComparer.Ordinal), schema.Query.Fields.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal(ExpectedMutations.Keys.Order(StringComparer.Ordinal), schema.Mutation!.Fields.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_root_field_declares_exactly_the_roles_of_the_intended_policy()
    {
        var schema = Schema();
        var declared = schema.Query.Fields.Concat(schema.Mutation!.Fields)
            .ToDictionary(f => f.Name, f => Names(f.AllowedRoles() ?? []), StringComparer.Ordinal);
        var expected = ExpectedQueries.Concat(ExpectedMutations)
            .ToDictionary(e => e.Key, e => Names(e.Value.Select(r => r.Name())), StringComparer.Ordinal);

        var differences = expected
            .Where(e => !declared.TryGetValue(e.Key, out var roles) || roles != e.Value)
            .Select(e => $"{e.Key}: declared [{declared.GetValueOrDefault(e.Key)}], intended [{e.Value}]")
            .ToList();

        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    [Theory]
    [MemberData(nameof(QueryFields))]
    public async Task A_query_field_admits_exactly_its_roles_and_nobody_signed_out(string field)
    {
        var document = Document(Schema(), "query", field);

        await AssertRefusedWhenSignedOutAsync(document);
        foreach (var role in Everyone)
        {
            var response = await (await app.GraphQLAsAsync(role)).SendAsync(document);
            if (ExpectedQueries[field].Contains(role))
            {
                AssertAdmitted(response, role, document);
            }
            else
            {
                AssertRefused(response, role, document);
            }
        }
    }

    [Theory]
    [MemberData(nameof(MutationFields))]
    public async Task A_mutation_field_admits_exactly_its_roles_and_writes_nothing_for_anyone_else(string field)
    {
        var document = Document(Schema(), "mutation", field);
        var clients = new Dictionary<Role, GraphQLClient>();
        foreach (var role in Everyone)
        {
            clients[role] = await app.GraphQLAsAsync(role);
        }

        var before = await StateAsync();
        await AssertRefusedWhenSignedOutAsync(document);
        foreach (var role in Everyone.Where(r => !ExpectedMutations[field].Contains(r)))
        {
            AssertRefused(await clients[role].SendAsync(document), role, document);
        }

        Assert.Equal(before, await StateAsync());

        foreach (var role in ExpectedMutations[field])
        {
            AssertAdmitted(await clients[role].SendAsync(document), role, document);
        }
    }

    [Fact]
    public async Task Refused_writes_with_valid_input_write_nothing()
    {
        var scenario = new LedgerScenario(app);
        var staff = await app.GraphQLAsAsync(Role.Staff);
        var volunteer = await app.GraphQLAsAsync(Role.Volunteer);
        var auditor = await app.GraphQLAsAsync(Role.Auditor);
        var village = await scenario.VillageAsync();
        var seed = await scenario.LotAsync(10);
        var fund = await scenario.FundAsync(10_000);
        var adminId = (string)(await app.GraphQL().DataAsync("{ me { id } }"))["me"]!["id"]!;
        var staffId = (string)(await staff.DataAsync("{ me { id } }"))["me"]!["id"]!;
        var bootstrapKeyId = (string)(await app.GraphQL().DataAsync("{ me { apiKeys { id } } }"))["me"]!["apiKeys"]![0]!["id"]!;
        var before = await StateAsync();

        (GraphQLClient Client, string Mutation, object Input)[] attempts =
        [
            (volunteer, "createDonor", new { name = "志愿者捐赠人", kind = "PERSON" }),
            (auditor, "createDonor", new { name = "审计捐赠人", kind = "PERSON" }),
            (volunteer, "adjustFund", new { fundId = fund, amountFenChange = -5_000, reason = "取走" }),
            (auditor, "adjustStock", new { itemId = seed.Id, quantityChange = -5, reason = "取走" }),
            (auditor, "recordHandover", new { recipientId = village.Household, receivedBy = "马文德", lines = new[] { new { itemId = seed.Id, quantity = 1 } } }),
            (volunteer, "recordDisbursement", new { fundId = fund, recipientId = village.Household, amountFen = 1_000, purpose = "慰问", paidOn = LedgerScenario.Today() }),
            (staff, "createUser", new { userName = "staff.made.admin", displayName = "Sneaky", role = "ADMIN" }),
            (staff, "createApiKey", new { userId = adminId, name = "stolen" }),
            (staff, "createApiKey", new { userId = staffId, name = "another of my own" }),
            (staff, "setUserPin", new { userId = adminId, pin = "135790" }),
            (staff, "revokeApiKey", new { apiKeyId = bootstrapKeyId }),
            (auditor, "createUser", new { userName = "auditor.made", displayName = "Sneaky", role = "AUDITOR" }),
            (volunteer, "setUserPin", new { userId = adminId, pin = "135790" }),
        ];

        foreach (var (client, mutation, input) in attempts)
        {
            var inputType = char.ToUpperInvariant(mutation[0]) + mutation[1..] + "Input";
            var response = await client.SendAsync($"mutation($input: {inputType}!) {{ {mutation}(input: $input) {{ __typename }} }}", new { input });
            response.AssertForbidden();
        }

        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task Introspection_needs_a_signed_in_user_of_any_role()
    {
        const string introspection = "{ __schema { queryType { name } } __type(name: \"Recipient\") { name } }";

        (await app.GraphQL(apiKey: null).SendAsync(introspection)).AssertUnauthenticated();
        foreach (var role in Everyone)
        {
            var data = await (await app.GraphQLAsAsync(role)).DataAsync(introspection);
            Assert.Equal("Query", (string?)data["__schema"]!["queryType"]!["name"]);
        }
    }

    [Fact]
    public async Task Node_finds_users_and_keys_only_for_admins_and_auditors()
    {
        var admin = (await app.GraphQL().DataAsync("{ me { id apiKeys { id } } }"))["me"]!;
        const string document = "query($user: ID!, $key: ID!) { user: node(id: $user) { id } key: node(id: $key) { id } }";
        var ids = new { user = (string)admin["id"]!, key = (string)admin["apiKeys"]![0]!["id"]! };

        foreach (var role in Readers)
        {
            var data = await (await app.GraphQLAsAsync(role)).DataAsync(document, ids);
            var expected = role is Role.Admin or Role.Auditor;
            Assert.True(expected == data["user"] is not null, $"{role} sees the user: {data["user"]?.ToJsonString()}");
            Assert.True(expected == data["key"] is not null, $"{role} sees the key: {data["key"]?.ToJsonString()}");
        }
    }

    private async Task AssertRefusedWhenSignedOutAsync(string document)
    {
        var response = await app.GraphQL(apiKey: null).SendAsync(document);
        Assert.True(response.Status == HttpStatusCode.Unauthorized, $"Signed out, {document} answered {response.Status}: {response.Text}");
        response.AssertUnauthenticated();
    }

    private static void AssertAdmitted(GraphQLResponse response, Role role, string document)
    {
        Assert.True(response.Status == HttpStatusCode.OK, $"{role}: {document} answered {response.Status}: {response.Text}");
        Assert.True(response.Json.ContainsKey("data"), $"{role}: {document} did not run: {response.Text}");
        Assert.DoesNotContain(response.Codes(), code => code is "FORBIDDEN" or "UNAUTHENTICATED");
    }

    private static void AssertRefused(GraphQLResponse response, Role role, string document)
    {
        Assert.True(response.Status == HttpStatusCode.BadRequest, $"{role}: {document} answered {response.Status}: {response.Text}");
        response.AssertForbidden();
    }

    /// <summary>Everything a write could change: the ledger, users, keys, revocations and PINs.</summary>
    private async Task<State> StateAsync() => new(
        await app.LedgerCountsAsync(),
        await app.QueryDatabaseAsync(async db => string.Join(
            " | ",
            $"users {await db.Users.CountAsync()}",
            $"PINs {string.Join(",", await db.Users.OrderBy(u => u.Id).Select(u => u.PinHash ?? "-").ToListAsync())}",
            $"keys {await db.ApiKeys.CountAsync()}",
            $"revoked {await db.ApiKeys.CountAsync(k => k.RevokedAt != null)}")));

    private sealed record State(LedgerCounts Ledger, string Accounts);

    private static string Names(IEnumerable<string> roles) => string.Join(", ", roles.Order(StringComparer.Ordinal));

    /// <summary>
    /// The smallest document that selects only this root field: its required arguments get
    /// syntactically valid dummy values, an object result gets __typename.
    /// </summary>
    private static string Document(ISchema schema, string operation, string fieldName)
    {
        var root = operation == "mutation" ? schema.Mutation! : schema.Query;
        var field = root.GetField(fieldName) ?? throw new InvalidOperationException($"The schema has no {root.Name}.{fieldName}.");
        var arguments = (field.Arguments ?? [])
            .Where(argument => argument.ResolvedType is NonNullGraphType && argument.DefaultValue is null)
            .Select(argument => $"{argument.Name}: {Dummy(argument.ResolvedType!)}")
            .ToList();
        var argumentText = arguments.Count == 0 ? string.Empty : $"({string.Join(", ", arguments)})";
        var selection = Unwrap(field.ResolvedType!) is IComplexGraphType or UnionGraphType ? " { __typename }" : string.Empty;
        return $"{operation} {{ {fieldName}{argumentText}{selection} }}";
    }

    private static IGraphType Unwrap(IGraphType type) => type switch
    {
        NonNullGraphType nonNull => Unwrap(nonNull.ResolvedType!),
        ListGraphType list => Unwrap(list.ResolvedType!),
        _ => type,
    };

    private static string Dummy(IGraphType type) => type switch
    {
        NonNullGraphType nonNull => Dummy(nonNull.ResolvedType!),
        ListGraphType list => $"[{Dummy(list.ResolvedType!)}]",
        EnumerationGraphType enumeration => enumeration.Values.First().Name,
        IInputObjectGraphType input => "{ " + string.Join(", ", input.Fields
            .Where(f => f.ResolvedType is NonNullGraphType && f.DefaultValue is null)
            .Select(f => $"{f.Name}: {Dummy(f.ResolvedType!)}")) + " }",
        ScalarGraphType scalar => scalar.Name switch
        {
            "ID" or "String" => "\"x\"",
            "Int" or "Long" or "Decimal" => "1",
            "Float" => "1.5",
            "Boolean" => "true",
            "DateOnly" => "\"2016-10-27\"",
            "DateTime" => "\"2016-10-27T08:00:00Z\"",
            _ => throw new InvalidOperationException($"No dummy value for scalar {scalar.Name}: add one to RoleMatrixTests."),
        },
        _ => throw new InvalidOperationException($"No dummy value for {type.Name}."),
    };
}
