using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.HandoverPage;
using GaLaAid.Api.Labels;
using GaLaAid.Api.Tests.Accounts;
using Xunit.Abstractions;

namespace GaLaAid.Api.Tests.HandoverPage;

/// <summary>
/// GET /h/{code} over HTTP: what a phone gets before and after signing in, in which language, with
/// which headers, how the item and a finished handover show, and how small it all is.
/// </summary>
public sealed partial class HandoverPageTests(GaLaAidApp app, ITestOutputHelper output) : IClassFixture<GaLaAidApp>
{
    private const string VolunteerName = "page.volunteer";
    private const string VolunteerPin = "482916";
    private static readonly string PageSource = Path.Combine(RepositoryRoot.Path, "src", "GaLaAid.Api", "HandoverPage");

    private readonly LedgerScenario scenario = new(app);

    private sealed record Page(HttpStatusCode Status, string Html, HttpResponseMessage Response);

    private static async Task<Page> GetAsync(HttpClient http, string path, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        var response = await http.SendAsync(request);
        return new Page(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private async Task<Browser> VolunteerAsync()
    {
        var users = (await app.GraphQL().DataAsync("{ users(first: 100) { nodes { userName } } }"))["users"]!["nodes"]!.AsArray();
        if (!users.Any(u => (string?)u!["userName"] == VolunteerName))
        {
            (await app.GraphQL().MutateAsync("createUser", "user", "{ id }", new { userName = VolunteerName, displayName = "卓玛", role = "VOLUNTEER", pin = VolunteerPin })).Ok();
        }

        var browser = Browser.Open(app);
        var (status, body) = await browser.SignInAsync(new { userName = VolunteerName, pin = VolunteerPin });
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return browser;
    }

    /// <summary>A television (per unit) planned for a household of 一社, from the donor 州委办公室.</summary>
    private async Task<(string Code, LedgerScenario.Village Village)> TelevisionAsync(string description = "32寸液晶电视", string donor = "州委办公室")
    {
        var village = await scenario.VillageAsync();
        var donation = (await scenario.Client.MutateAsync(
            "recordInKindDonation", "inKindDonation", "{ lines { items { nodes { labelCode } } } }",
            new
            {
                donorId = await scenario.DonorAsync(donor),
                receivedOn = LedgerScenario.Today(),
                lines = new[]
                {
                    new { categoryId = LedgerScenario.CategoryId(LedgerScenario.TvSet), description, quantity = 1, estimatedUnitValueFen = 150000L, tracking = "PER_UNIT", plannedRecipientId = village.Household },
                },
            })).Ok();
        return ((string)donation["lines"]![0]!["items"]!["nodes"]![0]!["labelCode"]!, village);
    }

    /// <summary>The page's visible text, tags dropped and white space collapsed.</summary>
    private static string TextOf(string html) =>
        Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(ScriptBlocks().Replace(html, " "), " ")), " ");

    [Fact]
    public async Task Signed_out_the_page_shows_a_sign_in_form_and_nothing_of_the_item()
    {
        var (code, _) = await TelevisionAsync();

        var page = await GetAsync(app.CreateClient(), $"/h/{code}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("text/html", page.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<form id=\"signin-pin\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"userName\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"pin\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"apiKey\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("请先登录", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("32寸液晶电视", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("州委办公室", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-csrf", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_in_the_page_shows_the_item_in_simplified_chinese_by_default()
    {
        var (code, _) = await TelevisionAsync();
        var browser = await VolunteerAsync();

        var page = await GetAsync(browser.Http, $"/h/{code}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<html lang=\"zh-Hans\">", page.Html, StringComparison.Ordinal);
        Assert.Equal(["zh-Hans"], page.Response.Content.Headers.ContentLanguage);
        var text = TextOf(page.Html);
        Assert.Contains("32寸液晶电视", text, StringComparison.Ordinal);
        Assert.Contains("类别 电视机", text, StringComparison.Ordinal);
        Assert.Contains("捐赠人 州委办公室", text, StringComparison.Ordinal);
        Assert.Contains("剩余 1 台", text, StringComparison.Ordinal);
        Assert.Contains("计划去向 马家（一社）", text, StringComparison.Ordinal);
        Assert.Contains($"标签码 {code}", text, StringComparison.Ordinal);
        Assert.Contains("确认交接", text, StringComparison.Ordinal);
        Assert.Contains("已登录：卓玛", text, StringComparison.Ordinal);
        Assert.Contains("<button id=\"confirm\" type=\"submit\"", page.Html, StringComparison.Ordinal);
        // A per-unit item is handed over whole: no quantity to choose.
        Assert.DoesNotContain("id=\"quantity\"", page.Html, StringComparison.Ordinal);
        Assert.Matches("data-csrf=\"[^\"]{20,}\"", page.Html);
        Assert.DoesNotContain("马文德", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lot_asks_for_a_quantity_from_one_to_what_is_on_hand()
    {
        var lot = await scenario.LotAsync(10);
        var browser = await VolunteerAsync();

        var page = await GetAsync(browser.Http, $"/h/{lot.LabelCode}");

        Assert.Contains("<input id=\"quantity\" type=\"number\" inputmode=\"numeric\" min=\"1\" max=\"10\" value=\"1\" required>", page.Html, StringComparison.Ordinal);
        Assert.Contains("数量（1 到 10 斤）", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-tracking=\"LOT\"", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", null)]
    [InlineData("en-US,en;q=0.9,zh-CN;q=0.8", null)]
    [InlineData("zh-CN,zh;q=0.9", "?lang=en")]
    public async Task The_page_is_in_english_when_the_browser_prefers_it_or_the_link_asks(string acceptLanguage, string? query)
    {
        var (code, _) = await TelevisionAsync();
        var browser = await VolunteerAsync();

        var page = await GetAsync(browser.Http, $"/h/{code}{query}", acceptLanguage);

        Assert.Contains("<html lang=\"en\">", page.Html, StringComparison.Ordinal);
        Assert.Equal(["en"], page.Response.Content.Headers.ContentLanguage);
        var text = TextOf(page.Html);
        Assert.Contains("Category TV set", text, StringComparison.Ordinal);
        Assert.Contains("Left 1 台", text, StringComparison.Ordinal);
        Assert.Contains("Planned for 马家 (一社)", text, StringComparison.Ordinal);
        Assert.Contains("Confirm handover", text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"?lang=zh-Hans\" hreflang=\"zh-Hans\" lang=\"zh-Hans\">中文</a>", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN,en;q=0.5", null)]
    [InlineData("fr-FR, de;q=0.8", null)]
    [InlineData(null, null)]
    [InlineData("en", "?lang=zh-Hans")]
    public async Task The_page_is_in_simplified_chinese_otherwise(string? acceptLanguage, string? query)
    {
        var (code, _) = await TelevisionAsync();
        var browser = await VolunteerAsync();

        var page = await GetAsync(browser.Http, $"/h/{code}{query}", acceptLanguage);

        Assert.Contains("<html lang=\"zh-Hans\">", page.Html, StringComparison.Ordinal);
        Assert.Contains("确认交接", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_visible_text_of_the_english_page_comes_from_the_english_resources()
    {
        var (code, _) = await TelevisionAsync("32-inch LCD TV", "Prefecture office");
        var browser = await VolunteerAsync();

        var page = await GetAsync(browser.Http, $"/h/{code}?lang=en");

        // Only data may be Chinese (the planned household, its unit, the volunteer's name, the unit 台) and the link to 中文.
        var text = TextOf(page.Html);
        foreach (var data in new[] { "马家", "一社", "卓玛", "台", "中文" })
        {
            text = text.Replace(data, " ", StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}|\p{IsCJKSymbolsandPunctuation}|\p{IsHalfwidthandFullwidthForms}", text);
        Assert.Contains("32-inch LCD TV", text, StringComparison.Ordinal);
        Assert.Contains("Donor Prefecture office", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_resource_files_have_the_same_keys_and_every_key_the_page_uses()
    {
        var languages = new PageTexts().All;
        Assert.Equal(["zh-Hans", "en"], languages.Select(l => l.Language));
        var keys = languages[0].All.Keys.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(keys, languages[1].All.Keys.Order(StringComparer.Ordinal));
        Assert.All(languages.SelectMany(l => l.All.Values), text => Assert.False(string.IsNullOrWhiteSpace(text)));
        foreach (var language in languages)
        {
            // A placeholder in one language is a placeholder in the other, or a value would go missing.
            foreach (var key in keys)
            {
                Assert.Equal(Placeholders(languages[0][key]), Placeholders(language[key]));
            }
        }

        var prefixes = keys.Select(k => k[..k.IndexOf('.', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
        var sources = Directory.GetFiles(PageSource, "*.cs").Concat(Directory.GetFiles(Path.Combine(PageSource, "Assets"), "*.js"));
        var used = sources.SelectMany(file => Literals().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .Where(literal => prefixes.Contains(literal[..literal.IndexOf('.', StringComparison.Ordinal)]))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(used.Count > 40, $"Only {used.Count} keys found in the page's source; the scan is broken.");
        Assert.Empty(used.Except(keys));

        // Keys the script builds from a code or a kind.
        string[] codes = ["INSUFFICIENT_STOCK", "LABEL_VOIDED", "FORBIDDEN", "VALIDATION_FAILED", "NOT_FOUND", "INVALID_ID", "IDEMPOTENCY_KEY_REUSED", "UNAUTHENTICATED", "CSRF_TOKEN_INVALID", "TOO_MANY_ATTEMPTS"];
        Assert.Empty(codes.Select(c => "error." + c).Except(keys));
        Assert.Empty(Enum.GetNames<Api.Recipients.RecipientKind>().Select(k => "kind." + global::GraphQL.StringExtensions.ToConstantCase(k)).Except(keys));

        static List<string> Placeholders(string text) => [.. Regex.Matches(text, @"\{\w+\}").Select(m => m.Value).Order(StringComparer.Ordinal)];
    }

    [Theory]
    [InlineData("GL-7K3Q-9XWD")]
    [InlineData("not-a-code")]
    [InlineData("GL-0000-000")]
    public async Task A_mistyped_code_gets_a_friendly_page_with_status_400(string typed)
    {
        var signedOut = await GetAsync(app.CreateClient(), $"/h/{Uri.EscapeDataString(typed)}");
        var signedIn = await GetAsync((await VolunteerAsync()).Http, $"/h/{Uri.EscapeDataString(typed)}?lang=en");

        Assert.Equal(HttpStatusCode.BadRequest, signedOut.Status);
        Assert.Contains("标签码有误", signedOut.Html, StringComparison.Ordinal);
        Assert.Contains($"“{typed}”不是有效的标签码", signedOut.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, signedIn.Status);
        Assert.Contains("This label code is mistyped", signedIn.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"confirm\"", signedIn.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_code_is_shown_escaped()
    {
        var page = await GetAsync(app.CreateClient(), "/h/" + Uri.EscapeDataString("<img src=x onerror=alert(1)>"));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.DoesNotContain("<img", page.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_well_formed_code_that_no_item_has_gets_a_404_page()
    {
        var code = LabelCode.NewCode();
        var browser = await VolunteerAsync();

        var page = await GetAsync(browser.Http, $"/h/{code}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("找不到这件物品", page.Html, StringComparison.Ordinal);
        Assert.Contains(code, page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"confirm\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_code_is_read_in_any_case_and_with_or_without_dashes()
    {
        var (code, _) = await TelevisionAsync();
        var browser = await VolunteerAsync();

        var page = await GetAsync(browser.Http, "/h/" + code.ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"data-code=\"{code}\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("32寸液晶电视", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_already_handed_over_shows_to_whom_when_and_by_whom_and_offers_no_confirm()
    {
        var (code, village) = await TelevisionAsync();
        var browser = await VolunteerAsync();
        var handedOverAt = new DateTime(2016, 10, 27, 8, 0, 0, DateTimeKind.Utc);
        var handover = await browser.PostAsync(
            "mutation($input: RecordHandoverInput!) { recordHandover(input: $input) { handover { id } errors { __typename } } }",
            new { input = new { recipientId = village.Household, receivedBy = "马文德", handedOverAt, lines = new[] { new { labelCode = code } } } });
        Assert.NotNull(handover.Json["data"]!["recordHandover"]!["handover"]);

        var page = await GetAsync(browser.Http, $"/h/{code}");
        var english = await GetAsync(browser.Http, $"/h/{code}", "en");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var text = TextOf(page.Html);
        Assert.Contains("这件物品已经交接完了", text, StringComparison.Ordinal);
        Assert.Contains("交给 马家（一社）", text, StringComparison.Ordinal);
        Assert.Contains("时间 2016-10-27 16:00 北京时间", text, StringComparison.Ordinal);
        Assert.Contains($"经手人 卓玛 ({VolunteerName})", text, StringComparison.Ordinal);
        Assert.Contains("签收人 马文德", text, StringComparison.Ordinal);
        Assert.Contains("剩余 0 台", text, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2016-10-27T08:00:00Z\">", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"confirm\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"handover\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("确认交接</button>", page.Html, StringComparison.Ordinal);
        Assert.Contains("This item has been handed over", english.Html, StringComparison.Ordinal);
        Assert.Contains($"Handed over by</dt><dd>卓玛 ({VolunteerName})</dd>", english.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reversed_handover_is_not_shown_as_where_the_item_went()
    {
        var (code, village) = await TelevisionAsync();
        var other = await scenario.HouseholdAsync(village.Unit, "韩家");
        var entries = (await scenario.Client.MutateAsync("recordHandover", "handover", "{ entries { id } }",
            new { recipientId = other, receivedBy = "韩德明", lines = new[] { new { labelCode = code } } })).Ok()["entries"]!;
        (await scenario.Client.MutateAsync("reverseStockEntry", "entry", "{ id }", new { entryId = (string)entries[0]!["id"]!, reason = "交错了户" })).Ok();
        (await scenario.Client.MutateAsync("recordHandover", "handover", "{ id }",
            new { recipientId = village.Household, receivedBy = "马文德", lines = new[] { new { labelCode = code } } })).Ok();

        var page = await GetAsync((await VolunteerAsync()).Http, $"/h/{code}");

        var text = TextOf(page.Html);
        Assert.Contains("交给 马家（一社）", text, StringComparison.Ordinal);
        Assert.DoesNotContain("韩家", text, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(text, "交给 "));
    }

    [Fact]
    public async Task An_auditor_sees_the_item_but_no_confirm()
    {
        var (code, _) = await TelevisionAsync();
        var auditor = await Browser.Open(app).SignInWithKeyAsync(await app.KeyForAsync(Role.Auditor));

        var page = await GetAsync(auditor.Http, $"/h/{code}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("32寸液晶电视", page.Html, StringComparison.Ordinal);
        Assert.Contains("你的账号只能查看，不能记录交接。", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"confirm\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_forbid_inline_script_framing_caching_and_referrers()
    {
        var (code, _) = await TelevisionAsync();
        var browser = await VolunteerAsync();

        foreach (var page in new[]
        {
            await GetAsync(app.CreateClient(), $"/h/{code}"),
            await GetAsync(browser.Http, $"/h/{code}"),
            await GetAsync(browser.Http, "/h/nonsense"),
            await GetAsync(browser.Http, $"/h/{LabelCode.NewCode()}"),
        })
        {
            var headers = page.Response.Headers;
            var csp = Assert.Single(headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
            Assert.Contains("style-src 'self';", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Equal(["nosniff"], headers.GetValues("X-Content-Type-Options"));
            Assert.Equal(["no-referrer"], headers.GetValues("Referrer-Policy"));
            Assert.True(headers.CacheControl?.NoStore, $"Cache-Control: {headers.CacheControl}");
            // No inline script or style: every <script> is our file or a JSON data block, no style attributes.
            Assert.All(Regex.Matches(page.Html, "<script[^>]*>"), m => Assert.Matches("^<script (src=\"/h/assets/handover\\.[0-9a-f]{12}\\.js\" defer|type=\"application/json\" id=\"texts\")>$", m.Value));
            Assert.DoesNotContain(" style=", page.Html, StringComparison.Ordinal);
            Assert.DoesNotMatch(" on[a-z]+=", page.Html);
        }
    }

    [Fact]
    public async Task Assets_have_hashed_urls_a_long_cache_life_and_come_compressed()
    {
        var page = await GetAsync(app.CreateClient(), $"/h/{LabelCode.NewCode()}");
        var urls = AssetUrls().Matches(page.Html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, urls.Count);

        foreach (var url in urls)
        {
            var plain = await FetchAsync(url, null);
            var brotli = await FetchAsync(url, "br");
            var gzip = await FetchAsync(url, "gzip, deflate");
            var either = await FetchAsync(url, "gzip;q=0.5, br");

            Assert.Equal(HttpStatusCode.OK, plain.Status);
            Assert.Equal(url.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript" : "text/css", plain.ContentType);
            Assert.Equal("public, max-age=31536000, immutable", plain.CacheControl);
            Assert.Null(plain.Encoding);
            Assert.Equal("br", brotli.Encoding);
            Assert.Equal("gzip", gzip.Encoding);
            Assert.Equal("br", either.Encoding);
            Assert.Equal(plain.Body, Decompress(new BrotliStream(new MemoryStream(brotli.Body), CompressionMode.Decompress)));
            Assert.Equal(plain.Body, Decompress(new GZipStream(new MemoryStream(gzip.Body), CompressionMode.Decompress)));
            Assert.True(brotli.Body.Length < plain.Body.Length / 2, $"{url}: {brotli.Body.Length} of {plain.Body.Length} bytes");
            Assert.True(gzip.Body.Length < plain.Body.Length / 2, $"{url}: {gzip.Body.Length} of {plain.Body.Length} bytes");
            var hash = Regex.Match(url, @"\.([0-9a-f]{12})\.").Groups[1].Value;
            Assert.StartsWith(hash, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(plain.Body)), StringComparison.Ordinal);
        }

        var stale = await app.CreateClient().GetAsync(new Uri("/h/assets/handover.000000000000.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, stale.StatusCode);

        async Task<(HttpStatusCode Status, string? ContentType, string? CacheControl, string? Encoding, byte[] Body)> FetchAsync(string url, string? acceptEncoding)
        {
            // HttpClient would decompress by itself if allowed to; this one hands over the bytes as sent.
            var http = app.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (acceptEncoding is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
            }

            using var response = await http.SendAsync(request);
            return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.CacheControl?.ToString(),
                response.Content.Headers.ContentEncoding.SingleOrDefault(), await response.Content.ReadAsByteArrayAsync());
        }

        static byte[] Decompress(Stream stream)
        {
            using var output = new MemoryStream();
            using (stream)
            {
                stream.CopyTo(output);
            }

            return output.ToArray();
        }
    }

    [Fact]
    public async Task The_whole_page_weighs_less_than_40_kilobytes()
    {
        var lot = await scenario.LotAsync(10);
        var browser = await VolunteerAsync();
        var page = await GetAsync(browser.Http, $"/h/{lot.LabelCode}");
        var html = Encoding.UTF8.GetByteCount(page.Html);
        var sizes = new List<(string Url, int Plain, int Brotli, int Gzip)>();
        foreach (var url in AssetUrls().Matches(page.Html).Select(m => m.Groups[1].Value))
        {
            var plain = await browser.Http.GetByteArrayAsync(new Uri(url, UriKind.Relative));
            var asset = new PageAssets().All.Single(a => url.EndsWith(a.FileName, StringComparison.Ordinal));
            Assert.Equal(asset.Content, plain);
            sizes.Add((url, plain.Length, asset.Brotli.Length, asset.Gzip.Length));
        }

        var total = html + sizes.Sum(s => s.Plain);
        output.WriteLine($"HTML {html} bytes (signed in, lot form, zh-Hans)");
        foreach (var (url, plain, brotli, gzip) in sizes)
        {
            output.WriteLine($"{url}: {plain} bytes, {brotli} with brotli, {gzip} with gzip");
        }

        output.WriteLine($"total {total} bytes uncompressed, {html + sizes.Sum(s => s.Brotli)} with brotli assets");
        Assert.Equal(2, sizes.Count);
        Assert.True(total < 40 * 1024, $"The page weighs {total} bytes.");
    }

    [GeneratedRegex("<script[^>]*>.*?</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptBlocks();

    [GeneratedRegex("\\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("\"([A-Za-z]+\\.[A-Za-z_]+)\"")]
    private static partial Regex Literals();

    [GeneratedRegex("(?:href|src)=\"(/h/assets/[^\"]+)\"")]
    private static partial Regex AssetUrls();
}
