using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GaLaAid.Api.Labels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GaLaAid.Api.Tests.Labels;

/// <summary>What the print tests need: goods with Chinese text to label, requests to the print endpoints, and poppler.</summary>
public sealed class PrintSheets(GaLaAidApp app)
{
    public const string TvDescription = "32寸液晶电视";
    public const string DonorName = "州委办公室党支部";

    public LedgerScenario Scenario { get; } = new(app);

    public sealed record Donation(string Id, IReadOnlyList<LedgerScenario.Item> Items);

    /// <summary>Records a donation of <paramref name="count"/> televisions, each its own labelled item, received on 2026-03-18.</summary>
    public async Task<Donation> TelevisionsAsync(int count, string description = TvDescription, string donor = DonorName)
    {
        var donorId = (string)(await Scenario.Client.MutateAsync("createDonor", "donor", "{ id }", new { name = donor, kind = "PARTY_BRANCH" })).Ok()["id"]!;
        var donation = (await Scenario.Client.MutateAsync(
            "recordInKindDonation",
            "inKindDonation",
            "{ id lines { items(first: 500) { nodes { id labelCode } } } }",
            new
            {
                donorId,
                receivedOn = "2026-03-18",
                lines = new[]
                {
                    new { categoryId = LedgerScenario.CategoryId(LedgerScenario.TvSet), description, quantity = count, estimatedUnitValueFen = 120_000, tracking = "PER_UNIT" },
                },
            })).Ok();
        var items = donation["lines"]![0]!["items"]!["nodes"]!.AsArray()
            .Select(item => new LedgerScenario.Item((string)item!["id"]!, (string)item["labelCode"]!))
            .ToList();
        return new Donation((string)donation["id"]!, items);
    }

    public async Task<HttpResponseMessage> GetAsync(string pathAndQuery, string? apiKey = GaLaAidApp.AdminKey, Action<HttpRequestHeaders>? headers = null)
    {
        var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        headers?.Invoke(request.Headers);
        return await http.SendAsync(request);
    }

    public async Task<string> HtmlAsync(string query, Action<HttpRequestHeaders>? headers = null)
    {
        using var response = await GetAsync("/labels/print?" + query, headers: headers);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {text}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        return text;
    }

    public async Task<byte[]> PdfAsync(string query)
    {
        using var response = await GetAsync("/labels/print.pdf?" + query);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return bytes;
    }

    /// <summary>Asserts a refusal in the JSON error shape of the service, and returns its message.</summary>
    public static async Task<string> RefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {status} but got {response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = Assert.Single(JsonNode.Parse(text)!["errors"]!.AsArray())!;
        Assert.Equal(code, (string?)error["extensions"]!["code"]);
        var message = (string?)error["message"];
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message!;
    }

    /// <summary>The label codes on each printed sheet of an HTML page, in order.</summary>
    public static List<List<string>> Sheets(string html) =>
        Regex.Split(html, "<section class=\"sheet\">").Skip(1)
            .Select(sheet => Regex.Matches(sheet, "<div class=\"label c\\d+\" data-code=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList())
            .ToList();

    public static string Ids(IEnumerable<LedgerScenario.Item> items) => string.Join(',', items.Select(i => i.Id));

    public LabelUrls Urls => app.Services.GetRequiredService<LabelUrls>();

    /// <summary>Whether this service found a font for PDF sheets; PDF tests are skipped on a machine without one.</summary>
    public bool HasCjkFont => LabelFonts.For(app.Services.GetRequiredService<IOptions<LabelOptions>>().Value).IsAvailable;

    public static string? Pdftoppm => FindOnPath("pdftoppm");

    public static string? Pdftotext => FindOnPath("pdftotext");

    /// <summary>Renders every page of a PDF to 8-bit grey pixels at <paramref name="dpi"/>, as a print shop's RIP would.</summary>
    public static async Task<IReadOnlyList<GrayImage>> RenderAsync(byte[] pdf, int dpi)
    {
        var folder = Path.Combine(Path.GetTempPath(), "galaaid-print-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "sheet.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            await RunAsync(Pdftoppm!, "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-gray", file, Path.Combine(folder, "page"));
            return Directory.GetFiles(folder, "page-*.pgm").Order(StringComparer.Ordinal)
                .Select(page => GrayImage.FromPgm(File.ReadAllBytes(page)))
                .ToList();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static async Task<string> TextOfAsync(byte[] pdf)
    {
        var folder = Path.Combine(Path.GetTempPath(), "galaaid-print-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "sheet.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            await RunAsync(Pdftotext!, "-enc", "UTF-8", file, Path.Combine(folder, "sheet.txt"));
            return await File.ReadAllTextAsync(Path.Combine(folder, "sheet.txt"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed: {await errors}");
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
