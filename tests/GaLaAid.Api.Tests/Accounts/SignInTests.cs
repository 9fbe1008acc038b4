using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GaLaAid.Api.Accounts;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Accounts;

/// <summary>
/// Browser sessions: signing in with a key or a user name and PIN, the session cookie, reading with
/// GET, writing only with the session's CSRF token, and signing out.
/// </summary>
public sealed class SignInTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string Me = "{ me { userName role } }";
    private const string CreateDonor = """mutation { createDonor(input: { name: "浏览器捐赠人", kind: PERSON }) { donor { id recordedBy } errors { __typename } } }""";

    private async Task<string> UserAsync(string userName, Role role, string? pin)
    {
        var user = (await app.GraphQL().MutateAsync(
            "createUser", "user", "{ id hasPin }",
            new { userName, displayName = userName, role = role.ToString().ToUpperInvariant(), pin })).Ok();
        Assert.Equal(pin is not null, (bool)user["hasPin"]!);
        return (string)user["id"]!;
    }

    private Task<MutationResult> SetPinAsync(string userId, string? pin) =>
        app.GraphQL().MutateAsync("setUserPin", "user", "{ hasPin }", new { userId, pin });

    private static async Task<string?> SignedInAsAsync(Browser browser)
    {
        var response = await browser.GetAsync(Me);
        return response.Status == HttpStatusCode.OK ? (string?)response.Json["data"]!["me"]!["userName"] : null;
    }

    [Fact]
    public async Task Signing_in_with_a_key_opens_an_http_only_same_site_strict_session()
    {
        var browser = Browser.Open(app);

        var (status, body) = await browser.SignInAsync(new { apiKey = await app.KeyForAsync(Role.Staff) });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("staff-user", (string?)body["userName"]);
        Assert.Equal("staff", (string?)body["role"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["csrfToken"]));
        var cookie = browser.SessionSetCookie;
        Assert.NotNull(cookie);
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(await app.KeyForAsync(Role.Staff), cookie, StringComparison.Ordinal);
        Assert.Equal("staff-user", await SignedInAsAsync(browser));
    }

    [Fact]
    public async Task Signing_in_with_a_user_name_and_pin_opens_a_session()
    {
        await UserAsync("zhuoma.v", Role.Volunteer, "246810");
        var browser = Browser.Open(app);

        var (status, body) = await browser.SignInWithFormAsync(new Dictionary<string, string> { ["userName"] = "zhuoma.v", ["pin"] = "246810" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("volunteer", (string?)body["role"]);
        var me = (await browser.GetAsync(Me)).Json["data"]!["me"]!;
        Assert.Equal("zhuoma.v", (string?)me["userName"]);
        Assert.Equal("VOLUNTEER", (string?)me["role"]);
    }

    [Fact]
    public async Task A_pin_set_with_setUserPin_signs_in_and_the_pin_is_stored_only_as_a_slow_salted_hash()
    {
        var userId = await UserAsync("tashi.v", Role.Volunteer, pin: null);
        var (before, _) = await Browser.Open(app).SignInAsync(new { userName = "tashi.v", pin = "97531024" });
        Assert.Equal(HttpStatusCode.Unauthorized, before);

        Assert.True((bool)(await SetPinAsync(userId, "97531024")).Ok()["hasPin"]!);

        var browser = Browser.Open(app);
        var (status, _) = await browser.SignInAsync(new { userName = "tashi.v", pin = "97531024" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("tashi.v", await SignedInAsAsync(browser));
        var stored = await app.QueryDatabaseAsync(db => db.Users.SingleAsync(u => u.UserName == "tashi.v"));
        Assert.StartsWith("pbkdf2-sha256$", stored.PinHash, StringComparison.Ordinal);
        Assert.DoesNotContain("97531024", stored.PinHash!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("123456789")]
    [InlineData("12ab56")]
    [InlineData("123456\n")]
    public async Task A_pin_that_is_not_6_to_8_digits_is_refused(string pin)
    {
        var userId = await UserAsync($"pin.{pin.Length}.{pin[2]}", Role.Volunteer, pin: null);

        var error = (await SetPinAsync(userId, pin)).SingleError("VALIDATION_FAILED");

        Assert.Equal("pin", (string?)error["field"]);
    }

    [Fact]
    public async Task A_wrong_pin_an_unknown_user_or_a_user_without_a_pin_is_refused_with_401_and_no_session()
    {
        await UserAsync("dorje.v", Role.Volunteer, "112233");
        await UserAsync("nopin.v", Role.Volunteer, pin: null);

        foreach (var attempt in new object[]
        {
            new { userName = "dorje.v", pin = "332211" },
            new { userName = "dorje.v", pin = "" },
            new { userName = "nobody.v", pin = "112233" },
            new { userName = "nopin.v", pin = "112233" },
            new { apiKey = "gla_NotAKey0123456789abcdefghijklmnopqrstu" },
            new { },
        })
        {
            var browser = Browser.Open(app);
            var (status, _) = await browser.SignInAsync(attempt);

            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Null(browser.SessionSetCookie);
            (await browser.GetAsync(Me)).AssertUnauthenticated();
        }
    }

    [Fact]
    public async Task A_pin_with_a_trailing_newline_is_refused_when_the_user_is_created()
    {
        var error = (await app.GraphQL().MutateAsync(
            "createUser", "user", "{ id }",
            new { userName = "newline.v", displayName = "newline", role = "VOLUNTEER", pin = "1234\n" })).SingleError("VALIDATION_FAILED");

        Assert.Equal("pin", (string?)error["field"]);
    }

    [Theory]
    [InlineData("--fuzz\r\nContent-Disposition: form-data; name=\"apiKey\"\r\n\r\nabc")]
    [InlineData("--fuzz\r\nContent-Disposition: form-data; name=\"apiKey\"\r\n\r\nabc\r\n--fuzz")]
    [InlineData("--fuzz\r\n")]
    public async Task A_broken_multipart_sign_in_is_refused_with_400_not_a_server_error(string body)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=fuzz");

        using var response = await Browser.Open(app).Http.PostAsync(new Uri("/auth/sign-in", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("apiKey", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Origin", "http://localhost.evil.example")]
    [InlineData("Origin", "null")]
    public async Task A_sign_in_posted_from_another_site_is_refused_with_403_and_opens_no_session(string header, string value)
    {
        var browser = Browser.Open(app);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = GaLaAidApp.AdminKey });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/sign-in") { Content = content };
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await browser.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        (await browser.GetAsync(Me)).AssertUnauthenticated();
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site", HttpStatusCode.Forbidden)]
    [InlineData("Origin", "http://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("Origin", "null", HttpStatusCode.Forbidden)]
    [InlineData("Sec-Fetch-Site", "same-origin", HttpStatusCode.NoContent)]
    [InlineData("Origin", "http://localhost", HttpStatusCode.NoContent)]
    public async Task A_sign_out_posted_from_another_site_is_refused_and_the_session_stays(string header, string value, HttpStatusCode expected)
    {
        var browser = await Browser.Open(app).SignInWithKeyAsync(GaLaAidApp.AdminKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/sign-out");
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await browser.Http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal("admin", await SignedInAsAsync(browser));
        }
        else
        {
            (await browser.GetAsync(Me)).AssertUnauthenticated();
        }
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Origin", "http://localhost")]
    [InlineData("Origin", "https://LOCALHOST")]
    public async Task A_sign_in_from_the_same_origin_or_from_a_client_that_names_none_opens_a_session(string? header, string? value)
    {
        var browser = Browser.Open(app);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = GaLaAidApp.AdminKey });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/sign-in") { Content = content };
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        using var response = await browser.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("admin", await SignedInAsAsync(browser));
    }

    [Fact]
    public async Task A_browser_session_reads_with_get_queries()
    {
        var browser = await Browser.Open(app).SignInWithKeyAsync(await app.KeyForAsync(Role.Auditor));

        var response = await browser.GetAsync("{ me { userName } donors { totalCount } }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Null(response.Json["errors"]);
        Assert.Equal("auditor-user", (string?)response.Json["data"]!["me"]!["userName"]);
    }

    [Fact]
    public async Task A_browser_session_write_without_a_valid_csrf_token_is_refused_with_403_and_writes_nothing()
    {
        var browser = await Browser.Open(app).SignInWithKeyAsync(await app.KeyForAsync(Role.Staff));
        var otherUsers = await Browser.Open(app).SignInWithKeyAsync(await app.KeyForAsync(Role.Admin));
        var before = await app.LedgerCountsAsync();

        foreach (var response in new[]
        {
            await browser.PostAsync(CreateDonor, withCsrfToken: false),
            await browser.PostAsync(CreateDonor, csrfToken: "not-the-token"),
            await browser.PostAsync(CreateDonor, csrfToken: otherUsers.CsrfToken),
        })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.Status);
            Assert.Equal(["CSRF_TOKEN_INVALID"], response.Codes());
            Assert.False(response.Json.ContainsKey("data"));
        }

        Assert.Equal(before, await app.LedgerCountsAsync());
    }

    [Theory]
    [InlineData("multipart/form-data")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_browser_session_post_with_a_form_body_and_no_csrf_header_is_refused_with_403(string contentType)
    {
        var browser = await Browser.Open(app).SignInWithKeyAsync(await app.KeyForAsync(Role.Staff));
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"query":"{ me { userName } }"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await browser.Http.PostAsync(new Uri("/graphql", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("CSRF_TOKEN_INVALID", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_session_query_sent_with_post_needs_the_csrf_token_too()
    {
        var browser = await Browser.Open(app).SignInWithKeyAsync(await app.KeyForAsync(Role.Staff));

        var without = await browser.PostAsync(Me, withCsrfToken: false);
        var with = await browser.PostAsync(Me);

        Assert.Equal(HttpStatusCode.Forbidden, without.Status);
        Assert.Equal(["CSRF_TOKEN_INVALID"], without.Codes());
        Assert.Equal("staff-user", (string?)with.Json["data"]!["me"]!["userName"]);
    }

    [Fact]
    public async Task A_browser_session_write_with_its_csrf_token_is_recorded_as_its_user()
    {
        var browser = await Browser.Open(app).SignInWithKeyAsync(await app.KeyForAsync(Role.Staff));
        var before = await app.LedgerCountsAsync();

        var response = await browser.PostAsync(CreateDonor);

        Assert.Null(response.Json["errors"]);
        Assert.Equal("staff-user", (string?)response.Json["data"]!["createDonor"]!["donor"]!["recordedBy"]);
        Assert.Equal(before with { Donors = before.Donors + 1, AuditEntries = before.AuditEntries + 1 }, await app.LedgerCountsAsync());
    }

    [Fact]
    public async Task The_session_endpoint_names_the_user_and_hands_out_a_working_csrf_token()
    {
        var browser = await Browser.Open(app).SignInWithKeyAsync(await app.KeyForAsync(Role.Staff));

        using var session = await browser.Http.GetAsync(new Uri("/auth/session", UriKind.Relative));
        var body = System.Text.Json.Nodes.JsonNode.Parse(await session.Content.ReadAsStringAsync())!;
        using var signedOut = await Browser.Open(app).Http.GetAsync(new Uri("/auth/session", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Equal("staff-user", (string?)body["userName"]);
        Assert.Null((await browser.PostAsync(CreateDonor, csrfToken: (string?)body["csrfToken"])).Json["errors"]);
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
    }

    [Fact]
    public async Task A_request_with_an_authorization_header_is_judged_by_its_key_alone()
    {
        var browser = await Browser.Open(app).SignInWithKeyAsync(GaLaAidApp.AdminKey);
        browser.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "gla_NotAKey0123456789abcdefghijklmnopqrstu");

        (await browser.GetAsync(Me)).AssertUnauthenticated();
    }

    [Fact]
    public async Task Signing_out_ends_the_session_even_for_a_copy_of_its_cookie()
    {
        var browser = await Browser.Open(app).SignInWithKeyAsync(await app.KeyForAsync(Role.Staff));
        var copy = Browser.WithCookie(app, browser.SessionCookie!);
        Assert.Equal("staff-user", await SignedInAsAsync(copy));

        Assert.Equal(HttpStatusCode.NoContent, await browser.SignOutAsync());

        (await browser.GetAsync(Me)).AssertUnauthenticated();
        (await copy.GetAsync(Me)).AssertUnauthenticated();
    }

    [Fact]
    public async Task Removing_a_pin_ends_the_sessions_opened_with_it()
    {
        var userId = await UserAsync("lhamo.v", Role.Volunteer, "556677");
        var browser = Browser.Open(app);
        Assert.Equal(HttpStatusCode.OK, (await browser.SignInAsync(new { userName = "lhamo.v", pin = "556677" })).Status);
        Assert.Equal("lhamo.v", await SignedInAsAsync(browser));

        (await SetPinAsync(userId, null)).Ok();

        (await browser.GetAsync(Me)).AssertUnauthenticated();
    }

    [Fact]
    public async Task Changing_a_pin_ends_the_sessions_opened_with_the_old_one()
    {
        var userId = await UserAsync("pema.v", Role.Volunteer, "102938");
        var lostPhone = Browser.Open(app);
        Assert.Equal(HttpStatusCode.OK, (await lostPhone.SignInAsync(new { userName = "pema.v", pin = "102938" })).Status);
        Assert.Equal("pema.v", await SignedInAsAsync(lostPhone));

        (await SetPinAsync(userId, "564738")).Ok();

        (await lostPhone.GetAsync(Me)).AssertUnauthenticated();
        Assert.Equal(HttpStatusCode.Unauthorized, (await Browser.Open(app).SignInAsync(new { userName = "pema.v", pin = "102938" })).Status);
        var newPhone = Browser.Open(app);
        Assert.Equal(HttpStatusCode.OK, (await newPhone.SignInAsync(new { userName = "pema.v", pin = "564738" })).Status);
        Assert.Equal("pema.v", await SignedInAsAsync(newPhone));
    }
}

/// <summary>The service with a tight limit on failed sign-ins: three a minute.</summary>
public sealed class ThrottledApp : GaLaAidApp
{
    public const int Limit = 3;

    protected override int FailedSignInsPerMinute => Limit;
}

/// <summary>
/// Guessing keys or PINs is slowed down per client address. Every test starts its own service, so
/// that each has the whole allowance of failures to spend.
/// </summary>
public sealed class SignInThrottleTests
{
    private const string Me = "{ me { userName } }";
    private const string BadKey = "gla_NotAKey0123456789abcdefghijklmnopqrstu";

    [Fact]
    public async Task After_three_failed_sign_ins_even_the_right_key_waits_with_429()
    {
        using var app = new ThrottledApp();
        for (var i = 0; i < ThrottledApp.Limit; i++)
        {
            var (failed, _) = await Browser.Open(app).SignInAsync(new { userName = "admin", pin = "000000" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed);
        }

        var browser = Browser.Open(app);
        var (status, _) = await browser.SignInAsync(new { apiKey = GaLaAidApp.AdminKey });
        var bearer = await SendAsync(app, GaLaAidApp.AdminKey);

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Null(browser.SessionSetCookie);
        Assert.Equal(HttpStatusCode.TooManyRequests, bearer.Status);
        Assert.Equal("60", bearer.RetryAfter);
        Assert.Equal("TOO_MANY_ATTEMPTS", bearer.Code);
    }

    [Fact]
    public async Task After_three_bad_bearer_keys_graphql_answers_429_even_for_the_right_key()
    {
        using var app = new ThrottledApp();
        for (var i = 0; i < ThrottledApp.Limit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(app, BadKey)).Status);
        }

        var bearer = await SendAsync(app, GaLaAidApp.AdminKey);
        var (signIn, _) = await Browser.Open(app).SignInAsync(new { apiKey = GaLaAidApp.AdminKey });

        Assert.Equal(HttpStatusCode.TooManyRequests, bearer.Status);
        Assert.Equal("TOO_MANY_ATTEMPTS", bearer.Code);
        Assert.Equal(HttpStatusCode.TooManyRequests, signIn);
    }

    [Fact]
    public async Task Successful_sign_ins_do_not_count_against_the_limit()
    {
        using var app = new ThrottledApp();
        for (var i = 0; i < 3 * ThrottledApp.Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(app, GaLaAidApp.AdminKey)).Status);
            Assert.Equal(HttpStatusCode.OK, (await Browser.Open(app).SignInAsync(new { apiKey = GaLaAidApp.AdminKey })).Status);
        }

        for (var i = 0; i < ThrottledApp.Limit - 1; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(app, BadKey)).Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(app, GaLaAidApp.AdminKey)).Status);
    }

    [Fact]
    public async Task Guessing_pins_in_parallel_gets_no_more_tries_than_guessing_one_at_a_time()
    {
        using var app = new ThrottledApp();
        (await app.GraphQL().MutateAsync("createUser", "user", "{ id }", new { userName = "guessed.v", displayName = "多吉", role = "VOLUNTEER", pin = "271828" })).Ok();

        var guess = 100_000;
        var parallel = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => GuessAsync(Interlocked.Increment(ref guess))));
        var oneByOne = new List<HttpStatusCode>();
        while (oneByOne.Count < 2 * ThrottledApp.Limit && (oneByOne.Count == 0 || oneByOne[^1] == HttpStatusCode.Unauthorized))
        {
            oneByOne.Add(await GuessAsync(++guess));
        }

        Assert.All(parallel, s => Assert.Contains(s, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        Assert.Equal(ThrottledApp.Limit, parallel.Concat(oneByOne).Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.TooManyRequests, oneByOne[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Browser.Open(app).SignInAsync(new { userName = "guessed.v", pin = "271828" })).Status);

        async Task<HttpStatusCode> GuessAsync(int pin) =>
            (await Browser.Open(app).SignInAsync(new { userName = "guessed.v", pin = pin.ToString(System.Globalization.CultureInfo.InvariantCulture) })).Status;
    }

    private static async Task<(HttpStatusCode Status, string? RetryAfter, string? Code)> SendAsync(GaLaAidApp app, string key)
    {
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var content = new StringContent($$"""{"query":"{{Me}}"}""", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("/graphql", UriKind.Relative), content);
        var json = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (response.StatusCode, response.Headers.RetryAfter?.ToString(), (string?)json["errors"]?[0]?["extensions"]?["code"]);
    }
}
