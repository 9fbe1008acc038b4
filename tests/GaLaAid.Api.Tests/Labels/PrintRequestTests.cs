using System.Net;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Labels;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Labels;

public sealed class PrintRequestTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    /// <summary>A well-formed code that no item has (codes are random, so a new one is free).</summary>
    private static readonly string UnusedCode = LabelCode.NewCode();

    /// <summary>A code with one symbol mistyped: the check symbol always catches that.</summary>
    private static readonly string MistypedCode = UnusedCode[..^1] + (UnusedCode[^1] == 'A' ? 'B' : 'A');

    private readonly PrintSheets sheets = new(app);

    public static TheoryData<string, string> BadRequests() => new()
    {
        { "layout=a4-4x10&unprinted=true", "INVALID_LAYOUT" },
        { "layout=", "INVALID_SELECTION" },
        { "", "INVALID_SELECTION" },
        { $"unprinted=true&codes={UnusedCode}", "INVALID_SELECTION" },
        { "donationId=SW5LaW5kRG9uYXRpb246MQ&itemIds=SXRlbToxMjM", "INVALID_SELECTION" },
        { "unprinted=false", "INVALID_SELECTION" },
        { "unprinted=true&unprinted=true", "INVALID_SELECTION" },
        { "unprinted=true&preview=maybe", "INVALID_SELECTION" },
        { "unprinted=true&lang=fr", "INVALID_SELECTION" },
        { "itemIds=,", "INVALID_SELECTION" },
        { "donationId=not-an-id", "INVALID_ID" },
        { "donationId=RG9ub3I6MQ", "INVALID_ID" },
        { "itemIds=SXRlbToxMjM,RG9ub3I6MQ", "INVALID_ID" },
        { $"codes={MistypedCode}", "INVALID_LABEL_CODE" },
        { "codes=hello", "INVALID_LABEL_CODE" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_request_that_cannot_be_printed_is_refused_with_400_and_its_code_on_both_endpoints(string query, string code)
    {
        foreach (var path in new[] { "/labels/print", "/labels/print.pdf" })
        {
            using var response = await sheets.GetAsync($"{path}?{query}");
            await PrintSheets.RefusedAsync(response, HttpStatusCode.BadRequest, code);
        }
    }

    [Fact]
    public async Task The_messages_name_what_to_change()
    {
        using var layout = await sheets.GetAsync("/labels/print?layout=a4-4x10&unprinted=true");
        Assert.Contains("a4-3x8, a4-2x5, thermal-50x30", await PrintSheets.RefusedAsync(layout, HttpStatusCode.BadRequest, "INVALID_LAYOUT"), StringComparison.Ordinal);
        using var several = await sheets.GetAsync($"/labels/print?unprinted=true&codes={UnusedCode}");
        Assert.Contains("codes and unprinted", await PrintSheets.RefusedAsync(several, HttpStatusCode.BadRequest, "INVALID_SELECTION"), StringComparison.Ordinal);
        using var code = await sheets.GetAsync($"/labels/print?codes={MistypedCode}");
        Assert.Contains($"'{MistypedCode}' in 'codes'", await PrintSheets.RefusedAsync(code, HttpStatusCode.BadRequest, "INVALID_LABEL_CODE"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ids_and_codes_that_name_nothing_are_404_and_record_nothing()
    {
        var donation = await sheets.TelevisionsAsync(1);
        var jobs = await app.QueryDatabaseAsync(db => db.LabelPrintJobs.CountAsync());

        foreach (var query in new[]
        {
            $"donationId={GlobalId.Encode("InKindDonation", 9_999)}",
            $"itemIds={donation.Items[0].Id},{GlobalId.Encode("Item", 9_999)}",
            $"codes={donation.Items[0].LabelCode},{UnusedCode}",
        })
        {
            using var response = await sheets.GetAsync($"/labels/print?{query}");
            await PrintSheets.RefusedAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        Assert.Equal(jobs, await app.QueryDatabaseAsync(db => db.LabelPrintJobs.CountAsync()));
    }

    [Fact]
    public async Task More_than_5000_labels_at_once_are_refused_and_5000_are_not()
    {
        // Items of the other tests in this class would count as unprinted too: print them away first.
        await sheets.HtmlAsync("unprinted=true");
        var big = await sheets.TelevisionsAsync(5_001);
        var jobs = await app.QueryDatabaseAsync(db => db.LabelPrintJobs.CountAsync());

        using var tooMany = await sheets.GetAsync($"/labels/print?donationId={big.Id}");
        var message = await PrintSheets.RefusedAsync(tooMany, HttpStatusCode.BadRequest, "TOO_MANY_LABELS");
        Assert.Contains("5,000", message, StringComparison.Ordinal);
        using var tooManyPdf = await sheets.GetAsync($"/labels/print.pdf?donationId={big.Id}");
        await PrintSheets.RefusedAsync(tooManyPdf, HttpStatusCode.BadRequest, "TOO_MANY_LABELS");
        Assert.Equal(jobs, await app.QueryDatabaseAsync(db => db.LabelPrintJobs.CountAsync()));

        // The same 5,001 unprinted items with one printed are within the limit.
        await sheets.HtmlAsync($"codes={big.Items[0].LabelCode}");
        var page = await sheets.HtmlAsync("unprinted=true&preview=true");
        Assert.Equal(5_000, PrintSheets.Sheets(page).Sum(p => p.Count));
    }
}
