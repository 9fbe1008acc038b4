using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Labels;
using GaLaAid.Benchmarks.Harness;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QRCoder;

namespace GaLaAid.Benchmarks.Workloads;

/// <summary>
/// Printing the labels of a donation of 1,000 units: <c>GET /labels/print.pdf</c> with the a4-3x8
/// layout over HTTP (the selection read, 1,000 QR symbols, the text, the PDF, the print job recorded
/// in the ledger), against QRCoder alone generating the same 1,000 symbols (the same handover-page
/// addresses at the same error-correction level), the floor of any label sheet.
/// Target: ≤ 2 × QRCoder's time.
/// </summary>
internal sealed class LabelPdf : IWorkload
{
    private const int Labels = 1_000;

    public string Name => "label-pdf";

    public string Description => "A 1,000-label A4 PDF (a4-3x8) over HTTP, vs QRCoder alone generating the same 1,000 codes.";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        await using var service = context.StartInProcess(context.CopyDatabase("label-pdf"));
        using var client = service.CreateClient(context.StaffKey);
        var donationId = await DonateAsync(context, client, cancellationToken);
        var addresses = await HandoverPagesAsync(service, donationId, cancellationToken);
        var path = $"labels/print.pdf?layout={PrintLayouts.DefaultName}&donationId={Uri.EscapeDataString(donationId)}";
        context.Logger.LogInformation("{Labels:N0} labels of donation {DonationId}, layout {Layout}", addresses.Count, donationId, PrintLayouts.DefaultName);

        var pages = 0L;
        var figures = await Measure.RoundsAsync(context, async round =>
        {
            var started = Stopwatch.GetTimestamp();
            foreach (var address in addresses)
            {
                using var symbol = QRCodeGenerator.GenerateQrCode(address, QRCodeGenerator.ECCLevel.Q);
            }

            var baseline = Stopwatch.GetElapsedTime(started);
            started = Stopwatch.GetTimestamp();
            var pdf = await PrintAsync(client, path, cancellationToken);
            var galaAid = Stopwatch.GetElapsedTime(started);
            pages = CountPages(pdf);
            context.Logger.LogInformation("Round {Round}: GaLaAid {Ms:N0} ms ({Kb:N0} KB, {Pages} pages); QRCoder {BaselineMs:N0} ms",
                round + 1, galaAid.TotalMilliseconds, pdf.Length / 1024, pages, baseline.TotalMilliseconds);
            return (GaLaAid: galaAid.TotalMilliseconds, Baseline: baseline.TotalMilliseconds);
        });

        return
        [
            ResultRow.AtMostRatioOf("label PDF: 1,000 labels", Measure.Median(figures.Select(f => f.GaLaAid)),
                Measure.Median(figures.Select(f => f.Baseline)), "ms", 2,
                Invariant($"{addresses.Count:N0} labels, {pages} A4 pages ({PrintLayouts.DefaultName}) over HTTP, print job recorded; baseline: QRCoder GenerateQrCode of the same addresses, level Q")),
            ResultRow.Exactly("label PDF: pages", pages, (Labels + 23) / 24, "pages", "a4-3x8 holds 24 labels a page"),
        ];
    }

    private static async Task<byte[]> PrintAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(path, cancellationToken);
        var pdf = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "application/pdf")
        {
            throw new InvalidOperationException($"print.pdf answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(pdf.AsSpan(0, Math.Min(pdf.Length, 300)))}");
        }

        return pdf;
    }

    /// <summary>Page objects of the PDF: its "/Type /Page" entries, not the "/Pages" tree.</summary>
    private static long CountPages(byte[] pdf) =>
        Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page(?![s\w])");

    /// <summary>A donation of 1,000 labelled units, recorded through the service, to print.</summary>
    private static async Task<string> DonateAsync(WorkloadContext context, HttpClient client, CancellationToken cancellationToken)
    {
        var (donorId, categoryId) = BulkIntake.DonorAndKind(context);
        using var content = Http.Json(BulkIntake.DonationBody(donorId, categoryId, Labels, "冬季棉被（加厚）"));
        using var response = await client.PostAsync("graphql", content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (string?)JsonNode.Parse(text)?["data"]?["recordInKindDonation"]?["inKindDonation"]?["id"]
            ?? throw new InvalidOperationException($"recordInKindDonation failed: {(text.Length <= 300 ? text : text[..300])}");
    }

    /// <summary>The handover-page address each label of the donation encodes, as the service builds it.</summary>
    private static async Task<IReadOnlyList<string>> HandoverPagesAsync(InProcessService service, string donationId, CancellationToken cancellationToken)
    {
        if (!GlobalId.TryDecode(donationId, out _, out var id))
        {
            throw new InvalidOperationException($"'{donationId}' is not a global id.");
        }

        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var urls = scope.ServiceProvider.GetRequiredService<LabelUrls>();
        var codes = await db.StockItems
            .Where(i => db.DonationLines.Any(l => l.Id == i.DonationLineId && l.DonationId == id))
            .OrderBy(i => i.Id)
            .Select(i => i.LabelCode)
            .ToListAsync(cancellationToken);
        return codes.Count == Labels
            ? codes.Select(urls.HandoverPage).ToList()
            : throw new InvalidOperationException($"The donation holds {codes.Count} items, not {Labels}.");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
