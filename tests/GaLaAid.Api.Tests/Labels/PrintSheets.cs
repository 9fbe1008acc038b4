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

    public static string? Chromium => FindOnPath("chromium") ?? FindOnPath("chromium-browser") ?? FindOnPath("google-chrome");

    /// <summary>Prints an HTML page to PDF with headless Chromium, as a browser's print dialog would at 100 % and no margins.</summary>
    public static async Task<byte[]> PrintWithChromiumAsync(string html)
    {
        var folder = Path.Combine(Path.GetTempPath(), "galaaid-print-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var page = Path.Combine(folder, "sheet.html");
            var pdf = Path.Combine(folder, "sheet.pdf");
            await File.WriteAllTextAsync(page, html);
            await RunAsync(Chromium!, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + Path.Combine(folder, "profile"),
                "--no-pdf-header-footer", "--print-to-pdf=" + pdf, new Uri(page).AbsoluteUri);
            return await File.ReadAllBytesAsync(pdf);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

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

    public static int Pixels(double mm, int dpi) => (int)Math.Round(mm / 25.4 * dpi);

    /// <summary>The smallest rectangle (in mm on the page) holding every dark pixel inside <paramref name="area"/>, or null when it is all light.</summary>
    public static MmRect? DarkBounds(GrayImage image, MmRect area, int dpi)
    {
        int left = Pixels(area.Left, dpi), top = Pixels(area.Top, dpi), right = Pixels(area.Right, dpi), bottom = Pixels(area.Bottom, dpi);
        int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1;
        for (var y = top; y < Math.Min(bottom, image.Height); y++)
        {
            for (var x = left; x < Math.Min(right, image.Width); x++)
            {
                if (image[x, y] < 128)
                {
                    minX = Math.Min(minX, x);
                    maxX = Math.Max(maxX, x);
                    minY = Math.Min(minY, y);
                    maxY = Math.Max(maxY, y);
                }
            }
        }

        double Mm(int pixels) => pixels * 25.4 / dpi;
        return maxX < 0 ? null : new MmRect(Mm(minX), Mm(minY), Mm(maxX + 1) - Mm(minX), Mm(maxY + 1) - Mm(minY));
    }

    /// <summary>Asserts that each label's QR decodes to its handover page and its dark modules sit within 0.5 mm of where the layout puts them.</summary>
    public void AssertLabelsAt(GrayImage page, PrintLayout layout, IReadOnlyList<string> codes, int dpi)
    {
        for (var i = 0; i < codes.Count; i++)
        {
            var url = Urls.HandoverPage(codes[i]);
            var cell = layout.Cell(i);
            var label = page.Crop(Pixels(cell.Left, dpi), Pixels(cell.Top, dpi), Pixels(cell.Width, dpi), Pixels(cell.Height, dpi));
            Assert.Equal(url, QrDecoding.DecodeSingle(label));
            var expected = layout.DarkModulesInCell(QrSymbol.Encode(url).Size).Offset(cell.Left, cell.Top);
            var found = DarkBounds(page, layout.QrInCell.Offset(cell.Left, cell.Top), dpi);
            Assert.True(found is not null, $"No dark pixels in the QR square of label {i}");
            foreach (var (name, actual, wanted) in new[]
            {
                ("left", found.Value.Left, expected.Left), ("top", found.Value.Top, expected.Top),
                ("right", found.Value.Right, expected.Right), ("bottom", found.Value.Bottom, expected.Bottom),
            })
            {
                Assert.True(Math.Abs(actual - wanted) <= 0.5, $"Label {i} ({codes[i]}): QR {name} edge at {actual:0.00} mm, layout says {wanted:0.00} mm");
            }
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
