using System.Globalization;
using System.Text.Json.Nodes;
using GaLaAid.Api.GraphQL;

namespace GaLaAid.Api.Tests;

/// <summary>
/// Sets up, through the API itself, what a test needs (a donor, a fund with money in it, a village
/// tree, goods on hand) and proves that a refused write left the ledger exactly as it was.
/// </summary>
public sealed class LedgerScenario(GaLaAidApp app)
{
    /// <summary>Seeded category ids (Categories/DefaultCategories.cs).</summary>
    public const int Appliances = 2;
    public const int Agriculture = 5;
    public const int TvSet = 201;
    public const int Seed = 501;

    private static readonly Dictionary<string, string> ErrorTypes = new(StringComparer.Ordinal)
    {
        ["VALIDATION_FAILED"] = "ValidationError",
        ["INVALID_ID"] = "InvalidIdError",
        ["NOT_FOUND"] = "NotFoundError",
        ["INSUFFICIENT_STOCK"] = "InsufficientStockError",
        ["FUND_OVERDRAWN"] = "FundOverdrawnError",
        ["ALREADY_REVERSED"] = "ReversalRefusedError",
        ["CANNOT_REVERSE_REVERSAL"] = "ReversalRefusedError",
        ["IDEMPOTENCY_KEY_REUSED"] = "IdempotencyKeyReusedError",
    };

    public GraphQLClient Client { get; } = app.GraphQL();

    public static string CategoryId(int id) => GlobalId.Encode("Category", id);

    /// <summary>Today (UTC) plus some days, as the API's DateOnly text.</summary>
    public static string Today(int days = 0) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The row id behind a global id, checking the id names the expected type.</summary>
    public static long RowId(string? globalId, string expectedType)
    {
        Assert.True(GlobalId.TryDecode(globalId, out var type, out var id), $"'{globalId}' is not a global id");
        Assert.Equal(expectedType, type);
        return id;
    }

    public async Task<string> DonorAsync(string name = "州委办公室党支部") =>
        IdOf((await Client.MutateAsync("createDonor", "donor", "{ id }", new { name, kind = "PARTY_BRANCH" })).Ok());

    /// <summary>A new fund, filled by a cash donation when a balance is asked for.</summary>
    public async Task<string> FundAsync(long balanceFen = 0)
    {
        var fundId = IdOf((await Client.MutateAsync("createFund", "fund", "{ id }", new { name = $"慰问金 {Guid.NewGuid():N}" })).Ok());
        if (balanceFen > 0)
        {
            await CashDonationAsync(await DonorAsync(), fundId, balanceFen);
        }

        return fundId;
    }

    public async Task<string> CashDonationAsync(string donorId, string fundId, long amountFen) =>
        IdOf((await Client.MutateAsync(
            "recordCashDonation", "cashDonation", "{ id }", new { donorId, fundId, amountFen, receivedOn = Today() })).Ok());

    public sealed record Village(string Committee, string Unit, string Household);

    /// <summary>A village committee with one social unit and one household in it.</summary>
    public async Task<Village> VillageAsync()
    {
        var committee = await RecipientAsync(new { kind = "VILLAGE_COMMITTEE", name = "尕拉村村委会" });
        var unit = await RecipientAsync(new { kind = "SOCIAL_UNIT", name = "一社", parentId = committee, unitNumber = 1 });
        return new Village(committee, unit, await HouseholdAsync(unit));
    }

    public Task<string> HouseholdAsync(string unitId, string name = "马家") =>
        RecipientAsync(new { kind = "HOUSEHOLD", name, parentId = unitId, headOfHousehold = "马文德", memberCount = 5, isRegisteredPoor = true });

    private async Task<string> RecipientAsync(object input) =>
        IdOf((await Client.MutateAsync("createRecipient", "recipient", "{ id }", input)).Ok());

    public sealed record Item(string Id, string LabelCode);

    public static object Line(int categoryId, int quantity, string tracking, long estimatedUnitValueFen = 0) =>
        new { categoryId = CategoryId(categoryId), description = "捐赠物资", quantity, estimatedUnitValueFen, tracking };

    /// <summary>Receives goods from a new donor and returns the labelled items, line by line.</summary>
    public async Task<IReadOnlyList<Item>> DonateAsync(params object[] lines)
    {
        var donation = (await Client.MutateAsync(
            "recordInKindDonation",
            "inKindDonation",
            "{ lines { items(first: 500) { nodes { id labelCode } } } }",
            new { donorId = await DonorAsync(), receivedOn = Today(), lines })).Ok();
        return donation["lines"]!.AsArray()
            .SelectMany(line => line!["items"]!["nodes"]!.AsArray())
            .Select(item => new Item((string)item!["id"]!, (string)item["labelCode"]!))
            .ToList();
    }

    public async Task<Item> LotAsync(int quantity, int categoryId = Seed) =>
        Assert.Single(await DonateAsync(Line(categoryId, quantity, "LOT")));

    public Task<IReadOnlyList<Item>> PerUnitAsync(int count, int categoryId = TvSet) =>
        DonateAsync(Line(categoryId, count, "PER_UNIT"));

    public static object Take(Item item, int quantity = 1) => new { itemId = item.Id, quantity };

    public Task<MutationResult> HandOverAsync(string recipientId, params object[] lines) =>
        Client.MutateAsync("recordHandover", "handover", "{ id entries { id kind quantity } }", new { recipientId, receivedBy = "马文德", lines });

    public async Task<int> OnHandAsync(Item item) =>
        (int)(await Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Item { quantityOnHand } } }", new { id = item.Id }))["node"]!["quantityOnHand"]!;

    public async Task<long> BalanceAsync(string fundId) =>
        (long)(await Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Fund { balanceFen } } }", new { id = fundId }))["node"]!["balanceFen"]!;

    /// <summary>An item's ledger entries, oldest first: id, kind and quantity.</summary>
    public async Task<JsonArray> StockEntriesAsync(Item item) =>
        (await Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Item { entries { nodes { id kind quantity } } } } }", new { id = item.Id }))
            ["node"]!["entries"]!["nodes"]!.AsArray();

    /// <summary>A fund's ledger entries, oldest first: id, kind and amount.</summary>
    public async Task<JsonArray> FundEntriesAsync(string fundId) =>
        (await Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Fund { entries { nodes { id kind amountFen } } } } }", new { id = fundId }))
            ["node"]!["entries"]!["nodes"]!.AsArray();

    /// <summary>
    /// Runs a write that must be refused with one typed error, and proves that no ledger table changed.
    /// Returns the error for further checks.
    /// </summary>
    public async Task<JsonNode> RefusedAsync(Func<Task<MutationResult>> write, string code, string? field = null)
    {
        var before = await app.LedgerCountsAsync();
        var error = (await write()).SingleError(code);
        Assert.Equal(ErrorTypes[code], (string?)error["__typename"]);
        if (field is not null)
        {
            Assert.Equal(field, (string?)error["field"]);
        }

        Assert.Equal(before, await app.LedgerCountsAsync());
        return error;
    }

    /// <summary>Asserts that a timestamp is UTC and lies within the window its write ran in.</summary>
    public static void RecordedBetween(DateTime from, DateTime recordedAt, DateTime to)
    {
        Assert.Equal(DateTimeKind.Utc, recordedAt.Kind);
        Assert.InRange(recordedAt, from, to);
    }

    /// <summary>Reads a DateTime as the API writes it.</summary>
    public static DateTime Utc(JsonNode? node) =>
        DateTime.Parse((string)node!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static string IdOf(JsonNode node) => (string)node["id"]!;
}
