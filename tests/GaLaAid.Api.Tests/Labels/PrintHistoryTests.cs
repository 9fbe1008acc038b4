using System.Net;
using System.Text.Json.Nodes;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.Labels;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Labels;

public sealed class PrintHistoryTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string JobSelection = """
        { id printedBy printedAt layout format selection labelCount reprintCount
          labels(first: 100) { totalCount nodes { labelCode isReprint item { id labelCode } job { id } } } }
        """;

    private readonly PrintSheets sheets = new(app);

    private Task<int> JobCountAsync() => app.QueryDatabaseAsync(db => db.LabelPrintJobs.CountAsync());

    private Task<int> LabelCountAsync() => app.QueryDatabaseAsync(db => db.LabelPrints.CountAsync());

    private async Task<JsonArray> JobsAsync(int first) =>
        (await app.GraphQL().DataAsync($"{{ labelPrintJobs(first: {first}) {{ totalCount nodes {JobSelection} }} }}"))["labelPrintJobs"]!["nodes"]!.AsArray();

    /// <summary>Prints as PDF where the machine has a font (true), otherwise as HTML (false): the history is the same either way.</summary>
    private async Task<bool> PdfOrHtmlAsync(string query)
    {
        if (sheets.HasCjkFont)
        {
            await sheets.PdfAsync(query);
            return true;
        }

        await sheets.HtmlAsync(query);
        return false;
    }

    [Fact]
    public async Task A_print_job_appends_one_audit_entry_with_its_job_and_labels_and_a_preview_none()
    {
        var donation = await sheets.TelevisionsAsync(3);
        var auditor = await app.GraphQLAsAsync(Role.Auditor);
        var before = (await GaLaAid.Api.Tests.Audit.AuditReading.EntriesAsync(auditor, "operation: \"printLabels\", first: 100")).Count;

        await sheets.HtmlAsync($"donationId={donation.Id}&preview=true");
        await sheets.HtmlAsync($"donationId={donation.Id}");

        var entries = await GaLaAid.Api.Tests.Audit.AuditReading.EntriesAsync(auditor, "operation: \"printLabels\", first: 100");
        Assert.Equal(before + 1, entries.Count);
        var writes = entries[^1]!["writes"]!["nodes"]!.AsArray().Select(w => (string?)w!["table"]).ToList();
        Assert.Equal(1, writes.Count(t => t == "LabelPrintJobs"));
        Assert.Equal(3, writes.Count(t => t == "LabelPrints"));
        var verification = await GaLaAid.Api.Tests.Audit.AuditReading.VerifyAsync(auditor);
        Assert.True((bool)verification["ok"]!, verification.ToJsonString());
    }

    [Fact]
    public async Task Printing_twice_records_two_jobs_newest_first_and_the_second_ones_labels_are_reprints()
    {
        var donation = await sheets.TelevisionsAsync(3);
        var from = DateTime.UtcNow;

        var first = await sheets.HtmlAsync($"donationId={donation.Id}");
        var second = await PdfOrHtmlAsync($"itemIds={PrintSheets.Ids(donation.Items)}&layout=a4-2x5");
        var to = DateTime.UtcNow;

        Assert.Matches("已记入打印记录（第 \\d+ 号），其中补打 0 个。", first);
        var jobs = await JobsAsync(2);
        var (newest, older) = (jobs[0]!, jobs[1]!);
        Assert.Equal(second ? "PDF" : "HTML", (string?)newest["format"]);
        Assert.Equal(second ? "a4-2x5" : "a4-3x8", (string?)newest["layout"]);
        Assert.Equal("HTML", (string?)older["format"]);
        Assert.Equal("a4-3x8", (string?)older["layout"]);
        Assert.Equal($"donationId={donation.Id}", (string?)older["selection"]);
        foreach (var job in new[] { newest, older })
        {
            Assert.Equal("admin", (string?)job["printedBy"]);
            LedgerScenario.RecordedBetween(from, LedgerScenario.Utc(job["printedAt"]), to);
            Assert.Equal(3, (int)job["labelCount"]!);
            Assert.Equal(3, (int)job["labels"]!["totalCount"]!);
            Assert.Equal(donation.Items.Select(i => i.LabelCode), job["labels"]!["nodes"]!.AsArray().Select(l => (string?)l!["labelCode"]));
            Assert.Equal(donation.Items.Select(i => i.Id), job["labels"]!["nodes"]!.AsArray().Select(l => (string?)l!["item"]!["id"]));
            Assert.All(job["labels"]!["nodes"]!.AsArray(), l => Assert.Equal((string?)job["id"], (string?)l!["job"]!["id"]));
        }

        Assert.Equal(0, (int)older["reprintCount"]!);
        Assert.All(older["labels"]!["nodes"]!.AsArray(), l => Assert.False((bool)l!["isReprint"]!));
        Assert.Equal(3, (int)newest["reprintCount"]!);
        Assert.All(newest["labels"]!["nodes"]!.AsArray(), l => Assert.True((bool)l!["isReprint"]!));

        var item = (await app.GraphQL().DataAsync(
            "query($id: ID!) { node(id: $id) { ... on Item { labelPrints { totalCount nodes { isReprint labelCode job { id } } } } } }",
            new { id = donation.Items[0].Id }))["node"]!["labelPrints"]!;
        Assert.Equal(2, (int)item["totalCount"]!);
        Assert.Equal([false, true], item["nodes"]!.AsArray().Select(p => (bool)p!["isReprint"]!));
        Assert.Equal([(string?)older["id"], (string?)newest["id"]], item["nodes"]!.AsArray().Select(p => (string?)p!["job"]!["id"]));
        var node = (await app.GraphQL().DataAsync("query($id: ID!) { node(id: $id) { ... on LabelPrintJob { labelCount } } }", new { id = (string)newest["id"]! }))["node"]!;
        Assert.Equal(3, (int)node["labelCount"]!);
    }

    [Fact]
    public async Task Unprinted_selects_exactly_the_items_whose_label_was_never_printed_and_then_nothing()
    {
        // Labels of items received before this test may be unprinted too: print them away first.
        await sheets.HtmlAsync("unprinted=true");
        var printed = await sheets.TelevisionsAsync(2);
        await sheets.HtmlAsync($"donationId={printed.Id}");
        var fresh = await sheets.TelevisionsAsync(3);

        var page = await sheets.HtmlAsync("unprinted=true");

        Assert.Equal(fresh.Items.Select(i => i.LabelCode), PrintSheets.Sheets(page).SelectMany(p => p));
        var again = await sheets.HtmlAsync("unprinted=true");
        Assert.Empty(PrintSheets.Sheets(again));
        Assert.Contains("没有需要打印的标签。", again, StringComparison.Ordinal);
        Assert.DoesNotContain("<button", again, StringComparison.Ordinal);
        var english = await sheets.HtmlAsync("unprinted=true&lang=en");
        Assert.Contains("There are no labels to print.", english, StringComparison.Ordinal);
        using var pdf = await sheets.GetAsync("/labels/print.pdf?unprinted=true");
        await PrintSheets.RefusedAsync(pdf, HttpStatusCode.NotFound, "NO_LABELS");
        var jobs = await JobsAsync(1);
        Assert.Equal("unprinted=true", (string?)jobs[0]!["selection"]);
        Assert.Equal(3, (int)jobs[0]!["labelCount"]!);
    }

    [Fact]
    public async Task A_preview_records_nothing()
    {
        var donation = await sheets.TelevisionsAsync(2);
        var (jobs, labels) = (await JobCountAsync(), await LabelCountAsync());

        await sheets.HtmlAsync($"donationId={donation.Id}&preview=true");
        if (sheets.HasCjkFont)
        {
            await sheets.PdfAsync($"donationId={donation.Id}&preview=true");
        }

        Assert.Equal(jobs, await JobCountAsync());
        Assert.Equal(labels, await LabelCountAsync());
        var page = await sheets.HtmlAsync("unprinted=true&preview=true");
        Assert.Contains(donation.Items[0].LabelCode, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_admins_and_staff_print_with_a_key_or_a_session_and_auditors_read_the_history()
    {
        var donation = await sheets.TelevisionsAsync(1);
        var query = $"/labels/print?donationId={donation.Id}";
        var jobs = await JobCountAsync();

        using (var anonymous = await sheets.GetAsync(query, apiKey: null))
        {
            await PrintSheets.RefusedAsync(anonymous, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
            Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
        }

        using (var badKey = await sheets.GetAsync(query, apiKey: "gla_NotAKeyThatExists0123456789abcdef"))
        {
            await PrintSheets.RefusedAsync(badKey, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        }

        foreach (var role in new[] { Role.Volunteer, Role.Auditor })
        {
            using var refused = await sheets.GetAsync(query, await app.KeyForAsync(role));
            await PrintSheets.RefusedAsync(refused, HttpStatusCode.Forbidden, "FORBIDDEN");
            using var refusedPdf = await sheets.GetAsync(query.Replace("print?", "print.pdf?", StringComparison.Ordinal), await app.KeyForAsync(role));
            await PrintSheets.RefusedAsync(refusedPdf, HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        Assert.Equal(jobs, await JobCountAsync());

        using (var staff = await sheets.GetAsync(query, await app.KeyForAsync(Role.Staff)))
        {
            Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        }

        var browser = await Accounts.Browser.Open(app).SignInWithKeyAsync(await app.KeyForAsync(Role.Staff));
        using (var session = await browser.Http.GetAsync(new Uri(query, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, session.StatusCode);
            Assert.Contains(donation.Items[0].LabelCode, await session.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var auditor = await app.GraphQLAsAsync(Role.Auditor);
        var history = (await auditor.DataAsync("{ labelPrintJobs(first: 2) { nodes { printedBy labelCount reprintCount } } }"))["labelPrintJobs"]!["nodes"]!.AsArray();
        Assert.Equal([GaLaAidApp.UserNameOf(Role.Staff), GaLaAidApp.UserNameOf(Role.Staff)], history.Select(j => (string?)j!["printedBy"]));
        Assert.Equal([1, 0], history.Select(j => (int)j!["reprintCount"]!));
        var volunteer = await app.GraphQLAsAsync(Role.Volunteer);
        var denied = await volunteer.SendAsync("{ labelPrintJobs { nodes { id } } }");
        Assert.Equal("FORBIDDEN", (string?)denied.Json["errors"]![0]!["extensions"]!["code"]);
        var deniedItem = await volunteer.SendAsync("query($code: String!) { itemByCode(code: $code) { labelPrints { totalCount } } }", new { code = donation.Items[0].LabelCode });
        Assert.Equal("FORBIDDEN", (string?)deniedItem.Json["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task A_cross_site_request_is_refused_and_records_nothing()
    {
        var donation = await sheets.TelevisionsAsync(1);
        var jobs = await JobCountAsync();

        foreach (var path in new[] { "/labels/print", "/labels/print.pdf" })
        {
            using var crossSite = await sheets.GetAsync($"{path}?donationId={donation.Id}", headers: h => h.Add("Sec-Fetch-Site", "cross-site"));
            await PrintSheets.RefusedAsync(crossSite, HttpStatusCode.Forbidden, "CROSS_SITE_REQUEST");
        }

        Assert.Equal(jobs, await JobCountAsync());
        using var sameOrigin = await sheets.GetAsync($"/labels/print?donationId={donation.Id}", headers: h => h.Add("Sec-Fetch-Site", "same-origin"));
        Assert.Equal(HttpStatusCode.OK, sameOrigin.StatusCode);
        Assert.Equal(jobs + 1, await JobCountAsync());
    }

    [Fact]
    public async Task The_history_is_loaded_in_batches_not_a_query_per_job_or_label()
    {
        for (var i = 0; i < 3; i++)
        {
            var donation = await sheets.TelevisionsAsync(4);
            await sheets.HtmlAsync($"donationId={donation.Id}");
        }

        const string query = "{ labelPrintJobs(first: 3) { nodes { id labels { nodes { labelCode item { labelCode labelPrints { totalCount } } } } } } }";
        var client = app.GraphQL();
        await client.DataAsync(query);
        app.SqlCommands.Reset();
        var data = await client.DataAsync(query);

        Assert.Equal(12, data["labelPrintJobs"]!["nodes"]!.AsArray().Sum(j => j!["labels"]!["nodes"]!.AsArray().Count));
        // Authentication, the jobs, their labels, the items, the items' prints: a handful, whatever the page size.
        Assert.InRange(app.SqlCommands.Count, 1, 7);
    }

    [Fact]
    public async Task A_jobs_labels_and_an_items_printings_filter_and_sort_in_the_batched_command()
    {
        var donation = await sheets.TelevisionsAsync(4);
        await sheets.HtmlAsync($"itemIds={PrintSheets.Ids(donation.Items.Take(2))}");
        await sheets.HtmlAsync($"donationId={donation.Id}");
        var codes = donation.Items.Select(i => i.LabelCode).ToList();

        const string query = """
            { labelPrintJobs(first: 1) { nodes {
                reprints: labels(where: { isReprint: { eq: true } }, order: [{ labelCode: DESC }]) { totalCount nodes { labelCode isReprint } }
                byItem: labels(order: [{ isReprint: ASC }, { item: { labelCode: ASC } }], first: 3) { nodes { labelCode isReprint } pageInfo { hasNextPage } } } } }
            """;
        app.SqlCommands.Reset();
        var job = (await app.GraphQL().DataAsync(query))["labelPrintJobs"]!["nodes"]![0]!;

        var reprints = job["reprints"]!;
        Assert.Equal(2, (int)reprints["totalCount"]!);
        Assert.Equal(codes.Take(2).OrderDescending(StringComparer.Ordinal), reprints["nodes"]!.AsArray().Select(n => (string?)n!["labelCode"]));
        var byItem = job["byItem"]!["nodes"]!.AsArray();
        var expected = codes.Skip(2).Order(StringComparer.Ordinal).Concat(codes.Take(2).Order(StringComparer.Ordinal)).Take(3);
        Assert.Equal(expected, byItem.Select(n => (string?)n!["labelCode"]));
        Assert.Equal([false, false, true], byItem.Select(n => (bool)n!["isReprint"]!));
        Assert.True((bool)job["byItem"]!["pageInfo"]!["hasNextPage"]!);
        Assert.Contains(app.SqlCommands.Texts, sql => sql.Contains("\"LabelPrints\"", StringComparison.Ordinal)
            && sql.Contains("\"IsReprint\"", StringComparison.Ordinal) && sql.Contains("ORDER BY", StringComparison.Ordinal));

        var item = (await app.GraphQL().DataAsync(
            "query($id: ID!) { node(id: $id) { ... on Item { labelPrints(order: [{ job: { printedAt: DESC } }, { isReprint: DESC }]) { nodes { isReprint } } } } }",
            new { id = donation.Items[0].Id }))["node"]!["labelPrints"]!;
        Assert.Equal([true, false], item["nodes"]!.AsArray().Select(p => (bool)p!["isReprint"]!));

        // A job's field is not a label's: the filter input refuses it in validation.
        var refused = await app.GraphQL().SendAsync("{ labelPrintJobs(first: 1) { nodes { labels(where: { selection: { eq: \"x\" } }) { totalCount } } } }");
        Assert.Contains("selection", refused.Text, StringComparison.Ordinal);
        Assert.Null(refused.Json["data"]);
    }
}
