using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GaLaAid.Api.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace GaLaAid.Api.Tests.Accounts;

/// <summary>The service on a clock the test moves by hand.</summary>
public sealed class ClockedApp : GaLaAidApp
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }
}

/// <summary>
/// An API key from birth to end: created (shown once, stored as a hash), used, revoked or expired,
/// and what is refused on the way. The clock is fake and only ever moves forward.
/// </summary>
public sealed partial class ApiKeyLifecycleTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    private const string Me = "{ me { userName role } }";

    private async Task<string> UserAsync(string userName, Role role = Role.Staff) =>
        (string)(await app.GraphQL().MutateAsync(
            "createUser", "user", "{ id }", new { userName, displayName = userName, role = role.ToString().ToUpperInvariant() })).Ok()["id"]!;

    private Task<MutationResult> CreateKeyAsync(string userId, DateTime? expiresAt = null, string name = "office PC") =>
        app.GraphQL().MutateAsync(
            "createApiKey", "created", "{ key apiKey { id name prefix expiresAt isActive createdBy user { userName } } }",
            new { userId, name, expiresAt });

    private Task<MutationResult> RevokeAsync(string apiKeyId) =>
        app.GraphQL().MutateAsync("revokeApiKey", "apiKey", "{ id isActive revokedAt revokedBy }", new { apiKeyId });

    private static async Task<string> UserNameAsync(GraphQLClient client) =>
        (string)(await client.DataAsync(Me))["me"]!["userName"]!;

    [Fact]
    public async Task The_bootstrap_admin_key_from_configuration_signs_in_as_admin()
    {
        var me = (await app.GraphQL(GaLaAidApp.AdminKey).DataAsync(Me))["me"]!;

        Assert.Equal(BootstrapAdmin.UserName, (string?)me["userName"]);
        Assert.Equal("ADMIN", (string?)me["role"]);
        var bootstrap = await app.QueryDatabaseAsync(db => db.ApiKeys.SingleAsync(k => k.Name == "bootstrap"));
        Assert.Equal(Secrets.HashApiKey(GaLaAidApp.AdminKey), bootstrap.Hash);
        Assert.Equal("system", bootstrap.CreatedBy);
    }

    [Fact]
    public async Task CreateApiKey_returns_the_key_once_and_stores_only_its_hash_and_a_short_prefix()
    {
        var userId = await UserAsync("keeper");

        var created = (await CreateKeyAsync(userId)).Ok();

        var key = (string)created["key"]!;
        Assert.Matches(KeyPattern(), key);
        var apiKey = created["apiKey"]!;
        Assert.Equal(key[..10], (string?)apiKey["prefix"]);
        Assert.Equal("keeper", (string?)apiKey["user"]!["userName"]);
        Assert.Equal("admin", (string?)apiKey["createdBy"]);
        Assert.True((bool)apiKey["isActive"]!);

        var id = LedgerScenario.RowId((string?)apiKey["id"], "ApiKey");
        var stored = await app.QueryDatabaseAsync(db => db.ApiKeys.SingleAsync(k => k.Id == id));
        Assert.Equal(Secrets.HashApiKey(key), stored.Hash);
        Assert.Equal(key[..10], stored.Prefix);
        Assert.DoesNotContain(key, new[] { stored.Hash, stored.Prefix, stored.Name, stored.CreatedBy }, StringComparer.Ordinal);

        // Nothing the API can be asked afterwards shows the key again.
        var listed = await app.GraphQL().SendAsync("""
            { users(first: 100) { nodes { userName apiKeys { id name prefix expiresAt revokedAt revokedBy createdBy createdAt isActive } } } }
            """);
        Assert.Null(listed.Json["errors"]);
        Assert.Contains(key[..10], listed.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed.Text, StringComparison.Ordinal);

        // Nor does anything written to disk.
        var bytes = Encoding.UTF8.GetBytes(key);
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(app.DatabasePath)!))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            Assert.True(buffer.ToArray().AsSpan().IndexOf(bytes) < 0, $"{Path.GetFileName(file)} holds the key in clear.");
        }
    }

    [Fact]
    public async Task A_new_key_signs_in_as_its_user_and_each_key_is_different()
    {
        var userId = await UserAsync("two.keys");
        var first = (string)(await CreateKeyAsync(userId, name: "phone")).Ok()["key"]!;
        var second = (string)(await CreateKeyAsync(userId, name: "laptop")).Ok()["key"]!;

        Assert.NotEqual(first, second);
        Assert.Equal("two.keys", await UserNameAsync(app.GraphQL(first)));
        Assert.Equal("two.keys", await UserNameAsync(app.GraphQL(second)));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_at_once_and_so_is_a_browser_session_opened_with_it()
    {
        var userId = await UserAsync("revoked.soon");
        var created = (await CreateKeyAsync(userId)).Ok();
        var key = (string)created["key"]!;
        var otherKey = (string)(await CreateKeyAsync(userId, name: "spare")).Ok()["key"]!;
        var browser = await Browser.Open(app).SignInWithKeyAsync(key);
        Assert.Equal("revoked.soon", (string?)(await browser.GetAsync(Me)).Json["data"]!["me"]!["userName"]);

        var revoked = (await RevokeAsync((string)created["apiKey"]!["id"]!)).Ok();

        Assert.False((bool)revoked["isActive"]!);
        Assert.Equal("admin", (string?)revoked["revokedBy"]);
        Assert.Equal(app.Now, LedgerScenario.Utc(revoked["revokedAt"]), TimeSpan.FromSeconds(1));
        (await app.GraphQL(key).SendAsync(Me)).AssertUnauthenticated();
        (await browser.GetAsync(Me)).AssertUnauthenticated();
        var (status, _) = await Browser.Open(app).SignInAsync(new { apiKey = key });
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("revoked.soon", await UserNameAsync(app.GraphQL(otherKey)));
    }

    [Fact]
    public async Task A_key_cannot_be_revoked_twice()
    {
        var apiKeyId = (string)(await CreateKeyAsync(await UserAsync("revoked.twice"))).Ok()["apiKey"]!["id"]!;
        (await RevokeAsync(apiKeyId)).Ok();

        (await RevokeAsync(apiKeyId)).SingleError("VALIDATION_FAILED");
    }

    [Fact]
    public async Task An_expired_key_is_refused_and_so_is_a_browser_session_opened_with_it()
    {
        var userId = await UserAsync("expires.soon");
        var created = (await CreateKeyAsync(userId, expiresAt: app.Now.AddHours(1))).Ok();
        var key = (string)created["key"]!;
        var browser = await Browser.Open(app).SignInWithKeyAsync(key);
        Assert.Equal("expires.soon", await UserNameAsync(app.GraphQL(key)));

        app.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal("expires.soon", await UserNameAsync(app.GraphQL(key)));
        Assert.Equal("expires.soon", (string?)(await browser.GetAsync(Me)).Json["data"]!["me"]!["userName"]);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        (await app.GraphQL(key).SendAsync(Me)).AssertUnauthenticated();
        (await browser.GetAsync(Me)).AssertUnauthenticated();
        var (status, _) = await Browser.Open(app).SignInAsync(new { apiKey = key });
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var listed = await app.GraphQL().DataAsync(
            "query($id: ID!) { node(id: $id) { ... on ApiKey { isActive } } }", new { id = (string)created["apiKey"]!["id"]! });
        Assert.False((bool)listed["node"]!["isActive"]!);
    }

    [Fact]
    public async Task A_browser_session_ends_after_twelve_idle_hours_but_not_while_it_is_used()
    {
        var browser = await Browser.Open(app).SignInWithKeyAsync(GaLaAidApp.AdminKey);

        app.Clock.Advance(TimeSpan.FromHours(11));
        Assert.Equal("admin", (string?)(await browser.GetAsync(Me)).Json["data"]!["me"]!["userName"]);
        app.Clock.Advance(TimeSpan.FromHours(11));
        Assert.Equal("admin", (string?)(await browser.GetAsync(Me)).Json["data"]!["me"]!["userName"]);

        app.Clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));
        (await browser.GetAsync(Me)).AssertUnauthenticated();
    }

    [Theory]
    [InlineData("")]
    [InlineData("gla_")]
    [InlineData("short-key")]
    [InlineData("gla_UnknownKey0123456789abcdefghijklmnopqr")]
    [InlineData("gla_TestAdminKey0123456789abcdefghijklmno")]
    [InlineData("gla_TestAdminKey0123456789abcdefghijklmnopq")]
    [InlineData("GLA_TESTADMINKEY0123456789ABCDEFGHIJKLMNOP")]
    [InlineData("gla_TestAdminKey0123456789abcdefghijklmnop, gla_TestAdminKey0123456789abcdefghijklmnop")]
    public async Task A_malformed_or_unknown_bearer_key_is_refused_with_401(string key)
    {
        var response = await SendWithAuthorizationAsync("Bearer " + key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("Bearer", response.WwwAuthenticate);
        Assert.Equal("UNAUTHENTICATED", (string?)response.Json["errors"]![0]!["extensions"]!["code"]);
        Assert.False(response.Json.ContainsKey("data"));
    }

    [Fact]
    public async Task A_key_far_too_long_is_refused_with_401()
    {
        var response = await SendWithAuthorizationAsync("Bearer " + GaLaAidApp.AdminKey + new string('a', 5000));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Theory]
    [InlineData("Basic")]
    [InlineData("Token")]
    [InlineData("")]
    public async Task The_admin_key_sent_with_another_scheme_than_bearer_is_refused_with_401(string scheme)
    {
        var value = scheme switch
        {
            "Basic" => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + GaLaAidApp.AdminKey)),
            "" => GaLaAidApp.AdminKey,
            _ => $"{scheme} {GaLaAidApp.AdminKey}",
        };

        var response = await SendWithAuthorizationAsync(value);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("UNAUTHENTICATED", (string?)response.Json["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task No_key_at_all_is_refused_with_401_and_a_bearer_challenge()
    {
        var response = await SendWithAuthorizationAsync(null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("Bearer", response.WwwAuthenticate);
        Assert.Equal("UNAUTHENTICATED", (string?)response.Json["errors"]![0]!["extensions"]!["code"]);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(5 * 366 + 1)]
    public async Task CreateApiKey_refuses_an_expiry_not_in_the_future_or_more_than_five_years_ahead(int days)
    {
        var userId = await UserAsync($"expiry.{days + 10}");
        var before = await app.QueryDatabaseAsync(db => db.ApiKeys.CountAsync());

        var error = (await CreateKeyAsync(userId, expiresAt: app.Now.AddDays(days))).SingleError("VALIDATION_FAILED");

        Assert.Equal("expiresAt", (string?)error["field"]);
        Assert.Equal(before, await app.QueryDatabaseAsync(db => db.ApiKeys.CountAsync()));
    }

    [Fact]
    public async Task CreateApiKey_accepts_an_expiry_up_to_five_years_ahead()
    {
        var userId = await UserAsync("five.years");
        var expiresAt = app.Now.AddYears(5).AddMinutes(-1);

        var created = (await CreateKeyAsync(userId, expiresAt: expiresAt)).Ok();

        Assert.Equal(expiresAt, LedgerScenario.Utc(created["apiKey"]!["expiresAt"]), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task CreateApiKey_for_an_unknown_user_writes_nothing()
    {
        var before = await app.QueryDatabaseAsync(db => db.ApiKeys.CountAsync());

        var error = (await CreateKeyAsync(Api.GraphQL.GlobalId.Encode("User", 999_999))).SingleError("NOT_FOUND");

        Assert.Equal("userId", (string?)error["field"]);
        Assert.Equal(before, await app.QueryDatabaseAsync(db => db.ApiKeys.CountAsync()));
    }

    private async Task<(HttpStatusCode Status, string? WwwAuthenticate, JsonObject Json)> SendWithAuthorizationAsync(string? authorization)
    {
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ me { userName } }"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (authorization is not null)
        {
            Assert.True(request.Headers.TryAddWithoutValidation("Authorization", authorization));
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Headers.WwwAuthenticate.ToString(), JsonNode.Parse(text)!.AsObject());
    }

    [GeneratedRegex("^gla_[A-Za-z0-9]{40}$")]
    private static partial Regex KeyPattern();
}

[CollectionDefinition(nameof(ConsoleReaders), DisableParallelization = true)]
public sealed class ConsoleReaders;

/// <summary>The service as a real install first starts it: without a configured bootstrap key.</summary>
public sealed class UnconfiguredApp : GaLaAidApp
{
    protected override string? BootstrapAdminKey => null;
}

/// <summary>
/// The first start creates the admin and prints its key once. Reads the console, so it runs alone:
/// nothing else may write to Console.Out meanwhile.
/// </summary>
[Collection(nameof(ConsoleReaders))]
public sealed partial class BootstrapAdminTests
{
    [Fact]
    public async Task A_first_start_prints_a_working_admin_key_once_and_a_second_start_creates_and_prints_nothing()
    {
        using var app = new UnconfiguredApp();

        var firstStart = CaptureConsole(() => _ = app.Server);

        var key = Assert.Single(PrintedKey().Matches(firstStart)).Value;
        var me = (await app.GraphQL(key).DataAsync("{ me { userName role } }"))["me"]!;
        Assert.Equal(BootstrapAdmin.UserName, (string?)me["userName"]);
        Assert.Equal("ADMIN", (string?)me["role"]);

        using var restarted = app.WithWebHostBuilder(_ => { });
        var secondStart = CaptureConsole(() => _ = restarted.Server);

        Assert.DoesNotMatch(PrintedKey(), secondStart);
        Assert.Equal((1, 1), await app.QueryDatabaseAsync(async db => (await db.Users.CountAsync(), await db.ApiKeys.CountAsync())));
        var client = new GraphQLClient(restarted.CreateClient());
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(BootstrapAdmin.UserName, (string?)(await client.DataAsync("{ me { userName } }"))["me"]!["userName"]);
    }

    [Fact]
    public async Task A_configured_key_is_ignored_once_users_exist()
    {
        using var app = new GaLaAidApp();
        _ = app.Server;
        const string laterKey = "gla_ConfiguredLater0123456789abcdefghijklm";

        using var restarted = app.WithWebHostBuilder(builder => builder.UseSetting(BootstrapAdmin.EnvironmentVariable, laterKey));
        var output = CaptureConsole(() => _ = restarted.Server);

        Assert.DoesNotMatch(PrintedKey(), output);
        Assert.Equal((1, 1), await app.QueryDatabaseAsync(async db => (await db.Users.CountAsync(), await db.ApiKeys.CountAsync())));
        var client = new GraphQLClient(restarted.CreateClient());
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", laterKey);
        (await client.SendAsync("{ me { userName } }")).AssertUnauthenticated();
    }

    private static string CaptureConsole(Action action)
    {
        var original = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            action();
        }
        finally
        {
            Console.SetOut(original);
        }

        return captured.ToString();
    }

    [GeneratedRegex("gla_[A-Za-z0-9]{40}")]
    private static partial Regex PrintedKey();
}
