using System.Net.Http.Headers;
using CsvHelper;
using GaLaAid.Api.Accounts;
using MiniExcelLibs;

namespace GaLaAid.Api.Tests.Exports;

/// <summary>
/// The service with a small ledger an auditor would export: a social unit with three households,
/// goods and cash in and out, a pledge, and a donor whose name is a spreadsheet formula.
/// </summary>
public sealed class AuditorLedger : GaLaAidApp, IAsyncLifetime
{
    public const string UnitName = "第3社";
    public const string Formula = "=HYPERLINK(\"http://evil.example\",\"点我\")";

    public LedgerScenario Scenario => scenario ??= new LedgerScenario(this);

    private LedgerScenario? scenario;

    public string UnitId { get; private set; } = string.Empty;

    public string ZhangXiaoming { get; private set; } = string.Empty;

    public string OuyangXiaoming { get; private set; } = string.Empty;

    public string ZhangSan { get; private set; } = string.Empty;

    /// <summary>A time after the goods came in and before any of them went out.</summary>
    public DateTime BeforeHandovers { get; private set; }

    public async Task InitializeAsync()
    {
        foreach (var role in Roles.All)
        {
            await KeyForAsync(role);
        }

        var client = Scenario.Client;
        var committee = await RecipientAsync(new { kind = "VILLAGE_COMMITTEE", name = "尕拉村村委会" });
        UnitId = await RecipientAsync(new { kind = "SOCIAL_UNIT", name = UnitName, parentId = committee, unitNumber = 3 });
        ZhangXiaoming = await RecipientAsync(new
        {
            kind = "HOUSEHOLD", name = "張小明", parentId = UnitId, headOfHousehold = "張小明", memberCount = 4, isRegisteredPoor = true,
            idNumber = "632701198805061234", phone = "13909761111", note = "户主腿脚不便",
        });
        OuyangXiaoming = await RecipientAsync(new
        {
            kind = "HOUSEHOLD", name = "欧阳小明", parentId = UnitId, headOfHousehold = "欧阳小明", memberCount = 6, isRegisteredPoor = false,
            idNumber = "632701197001019876", phone = "13809762222",
        });
        ZhangSan = await RecipientAsync(new { kind = "HOUSEHOLD", name = "張三", parentId = UnitId, headOfHousehold = "張三", memberCount = 2 });
        await RecipientAsync(new { kind = "SOCIAL_UNIT", name = "第4社", parentId = committee, unitNumber = 4 });

        var donor = await Scenario.DonorAsync("州委办公室党支部");
        var fund = (string)(await client.MutateAsync("createFund", "fund", "{ id }", new { name = "慰问金" })).Ok()["id"]!;
        await Scenario.CashDonationAsync(donor, fund, 1_100_000);
        var formulaDonor = await Scenario.DonorAsync(Formula);
        await client.MutateAsync("recordCashDonation", "cashDonation", "{ id }",
            new { donorId = formulaDonor, fundId = fund, amountFen = 12_345, receivedOn = LedgerScenario.Today(), note = "-5" });
        await client.MutateAsync("recordPledge", "pledge", "{ id }",
            new { donorId = donor, kind = "CASH", description = "春耕资金", promisedAmountFen = 300_000, expectedOn = LedgerScenario.Today(30) });

        var goods = (await client.MutateAsync("recordInKindDonation", "inKindDonation", "{ lines { items(first: 10) { nodes { id } } } }", new
        {
            donorId = donor,
            receivedOn = LedgerScenario.Today(),
            lines = new object[]
            {
                new { categoryId = LedgerScenario.CategoryId(LedgerScenario.TvSet), description = "32寸液晶电视", quantity = 2, estimatedUnitValueFen = 150_000, tracking = "PER_UNIT" },
                new { categoryId = LedgerScenario.CategoryId(LedgerScenario.Seed), description = "青稞种子", quantity = 500, unit = "斤", estimatedUnitValueFen = 300, tracking = "LOT" },
            },
        })).Ok();
        var tvs = goods["lines"]![0]!["items"]!["nodes"]!.AsArray().Select(n => (string)n!["id"]!).ToList();
        var seed = (string)goods["lines"]![1]!["items"]!["nodes"]![0]!["id"]!;

        await Task.Delay(20);
        BeforeHandovers = DateTime.UtcNow;
        await Task.Delay(20);
        (await Scenario.HandOverAsync(ZhangXiaoming, new { itemId = tvs[0], quantity = 1 }, new { itemId = seed, quantity = 50 })).Ok();
        (await Scenario.HandOverAsync(OuyangXiaoming, new { itemId = seed, quantity = 80 })).Ok();
        (await Scenario.HandOverAsync(UnitId, new { itemId = seed, quantity = 100 })).Ok();
        foreach (var (household, fen) in new[] { (ZhangXiaoming, 50_000L), (OuyangXiaoming, 30_050L) })
        {
            (await client.MutateAsync("recordDisbursement", "disbursement", "{ id }",
                new { fundId = fund, recipientId = household, amountFen = fen, purpose = "慰问金", paidOn = LedgerScenario.Today(), receivedBy = "本人" })).Ok();
        }
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public async Task<HttpResponseMessage> GetAsync(string pathAndQuery, string? apiKey = AdminKey, Action<HttpRequestHeaders>? headers = null)
    {
        var http = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        headers?.Invoke(request.Headers);
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public async Task<byte[]> FileAsync(string pathAndQuery, string? apiKey = AdminKey)
    {
        using var response = await GetAsync(pathAndQuery, apiKey);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
        return bytes;
    }

    /// <summary>The CSV's records by header, read back with CsvHelper.</summary>
    public static List<Dictionary<string, string>> ParseCsv(byte[] bytes)
    {
        using var reader = CsvReader.Create(new MemoryStream(bytes), null, leaveOpen: false);
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            var headers = reader.Headers;
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Count; i++)
            {
                row[headers[i]] = reader.GetString(i);
            }

            rows.Add(row);
        }

        if (rows.Count == 0)
        {
            Assert.NotEmpty(reader.Headers);
        }

        return rows;
    }

    /// <summary>The workbook's rows by header, read back with MiniExcel.</summary>
    public static List<IDictionary<string, object?>> ParseXlsx(byte[] bytes) =>
        MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, excelType: ExcelType.XLSX)
            .Select(row => (IDictionary<string, object?>)row)
            .ToList();

    private async Task<string> RecipientAsync(object input) =>
        (string)(await Scenario.Client.MutateAsync("createRecipient", "recipient", "{ id }", input)).Ok()["id"]!;
}
