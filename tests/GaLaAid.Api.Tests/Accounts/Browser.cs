using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaLaAid.Api.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GaLaAid.Api.Tests.Accounts;

/// <summary>
/// A browser on the handover and label pages: keeps its cookies, signs in at /auth/sign-in, and
/// sends the CSRF token it was given with its writes (unless told not to).
/// </summary>
public sealed class Browser(HttpClient http)
{
    public HttpClient Http => http;

    /// <summary>The CSRF token from the last successful sign-in.</summary>
    public string? CsrfToken { get; private set; }

    /// <summary>The session cookie's value as the last successful sign-in set it, to replay it later.</summary>
    public string? SessionCookie { get; private set; }

    /// <summary>The Set-Cookie header of the session cookie from the last successful sign-in.</summary>
    public string? SessionSetCookie { get; private set; }

    /// <summary>A browser that keeps cookies, not signed in.</summary>
    public static Browser Open(GaLaAidApp app) => new(app.CreateClient());

    /// <summary>A browser without a cookie jar that sends exactly this session cookie, e.g. one copied from another browser.</summary>
    public static Browser WithCookie(GaLaAidApp app, string sessionCookie)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", $"{AuthenticationSetup.CookieName}={sessionCookie}");
        return new Browser(client);
    }

    /// <summary>Posts a JSON sign-in request ({apiKey} or {userName, pin}); on success remembers the CSRF token and cookie.</summary>
    public async Task<(HttpStatusCode Status, JsonObject Body)> SignInAsync(object request)
    {
        using var response = await http.PostAsJsonAsync("/auth/sign-in", request);
        return await ReadSignInAsync(response);
    }

    /// <summary>Signs in with an HTML form post, as the sign-in page does.</summary>
    public async Task<(HttpStatusCode Status, JsonObject Body)> SignInWithFormAsync(IDictionary<string, string> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        using var response = await http.PostAsync(new Uri("/auth/sign-in", UriKind.Relative), content);
        return await ReadSignInAsync(response);
    }

    /// <summary>Signs in with an API key and fails the test unless it works.</summary>
    public async Task<Browser> SignInWithKeyAsync(string apiKey)
    {
        var (status, body) = await SignInAsync(new { apiKey });
        Assert.True(status == HttpStatusCode.OK, $"Sign-in failed with {status}: {body.ToJsonString()}");
        return this;
    }

    public async Task<HttpStatusCode> SignOutAsync()
    {
        using var response = await http.PostAsync(new Uri("/auth/sign-out", UriKind.Relative), null);
        return response.StatusCode;
    }

    /// <summary>A query sent as GET, as the pages read.</summary>
    public async Task<GraphQLResponse> GetAsync(string query)
    {
        using var response = await http.GetAsync(new Uri("/graphql?query=" + Uri.EscapeDataString(query), UriKind.Relative));
        return await ReadAsync(response);
    }

    /// <summary>A document sent as POST, with the session's CSRF token in X-CSRF-Token unless <paramref name="csrfToken"/> says otherwise.</summary>
    public async Task<GraphQLResponse> PostAsync(string query, object? variables = null, bool withCsrfToken = true, string? csrfToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (withCsrfToken && (csrfToken ?? CsrfToken) is { } token)
        {
            request.Headers.Add("X-CSRF-Token", token);
        }

        using var response = await http.SendAsync(request);
        return await ReadAsync(response);
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> ReadSignInAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(text)!.AsObject();
        if (response.StatusCode == HttpStatusCode.OK)
        {
            CsrfToken = (string?)body["csrfToken"];
            SessionSetCookie = response.Headers.TryGetValues("Set-Cookie", out var cookies)
                ? cookies.FirstOrDefault(c => c.StartsWith(AuthenticationSetup.CookieName + "=", StringComparison.Ordinal))
                : null;
            SessionCookie = SessionSetCookie?.Split(';')[0][(AuthenticationSetup.CookieName.Length + 1)..];
        }

        return (response.StatusCode, body);
    }

    private static async Task<GraphQLResponse> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return new GraphQLResponse(response.StatusCode, text, JsonNode.Parse(text)!.AsObject());
    }
}

/// <summary>Reading GraphQL error codes.</summary>
public static class GraphQLErrors
{
    /// <summary>The extensions.code of every error in the response, in order; empty when there are none.</summary>
    public static IReadOnlyList<string?> Codes(this GraphQLResponse response) =>
        response.Json["errors"]?.AsArray().Select(e => (string?)e!["extensions"]?["code"]).ToList() ?? [];

    /// <summary>Asserts that the document was refused before it ran, with only FORBIDDEN errors.</summary>
    public static void AssertForbidden(this GraphQLResponse response)
    {
        var codes = response.Codes();
        Assert.True(codes.Count > 0 && codes.All(c => c == "FORBIDDEN"), $"Expected only FORBIDDEN errors, got {response.Status}: {response.Text}");
        Assert.False(response.Json.ContainsKey("data"), $"A refused document must not run: {response.Text}");
    }

    /// <summary>Asserts a 401 with code UNAUTHENTICATED and no data.</summary>
    public static void AssertUnauthenticated(this GraphQLResponse response)
    {
        Assert.True(response.Status == HttpStatusCode.Unauthorized, $"Expected 401, got {response.Status}: {response.Text}");
        Assert.Equal(["UNAUTHENTICATED"], response.Codes());
        Assert.False(response.Json.ContainsKey("data"), response.Text);
    }
}
