using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace GaLaAid.Api.Tests.Security;

/// <summary>Who a fuzzed request claims to be.</summary>
public enum FuzzIdentity
{
    /// <summary>No Authorization header and no cookie.</summary>
    Anonymous,

    /// <summary>The admin's key: only on requests that must not write (broken documents, invalid inputs, queries).</summary>
    Admin,

    /// <summary>An auditor's key: may read, may not write, so any mutation is refused before it runs.</summary>
    Auditor,

    /// <summary>A key that was revoked.</summary>
    Revoked,

    /// <summary>A key that has expired.</summary>
    Expired,

    /// <summary>A well-formed key that was never issued.</summary>
    Forged,

    /// <summary>An Authorization header that is not "Bearer &lt;key&gt;".</summary>
    Malformed,

    /// <summary>The admin's browser session cookie without its CSRF token.</summary>
    SessionWithoutCsrf,

    /// <summary>The admin's browser session cookie with a CSRF token that is not its own.</summary>
    SessionWithForgedCsrf,

    /// <summary>A session cookie that the service never set.</summary>
    ForgedSession,
}

/// <summary>The keys and session that requests may carry, set up before the run.</summary>
public sealed record FuzzCredentials(
    string AdminKey,
    string AuditorKey,
    string RevokedKey,
    string ExpiredKey,
    string SessionCookieName,
    string SessionCookie,
    string CsrfToken);

/// <summary>One generated request, with everything needed to send it again and to describe it.</summary>
public sealed record FuzzRequest
{
    private readonly bool transportLevel;

    public required int Index { get; init; }

    /// <summary>Which generator made it, e.g. "json.truncated" or "graphql.grammar".</summary>
    public required string Kind { get; init; }

    public required string Method { get; init; }

    /// <summary>Path and query string, e.g. "/graphql?query=…".</summary>
    public required string Target { get; init; }

    public byte[]? Body { get; init; }

    /// <summary>The Content-Type header exactly as sent; null sends none.</summary>
    public string? ContentType { get; init; }

    public FuzzIdentity Identity { get; init; }

    /// <summary>Further headers, sent as given (Accept, Origin, a malformed Authorization …).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>
    /// True when Kestrel itself may refuse the request before the service sees it (a header or
    /// request line past its limits, bytes it does not allow in a header): it answers with an
    /// empty body, which is fine there.
    /// </summary>
    public bool TransportLevel
    {
        get => transportLevel || Target.Length > 8_000;
        init => transportLevel = value;
    }

    /// <summary>Sends "Expect: 100-continue", so that a body the service refuses by its length alone is never sent.</summary>
    public bool ExpectContinue { get; init; }

    /// <summary>True for /graphql: a refusal must then be a GraphQL response with an errors array.</summary>
    public bool IsGraphQL => Target.Equals("/graphql", StringComparison.Ordinal) || Target.StartsWith("/graphql?", StringComparison.Ordinal);

    /// <summary>The whole request as text (body decoded leniently), to tell echoed input from leaked internals.</summary>
    public string Text => Target + "\n" + string.Join("\n", Headers.Select(h => h.Key + ": " + h.Value))
        + "\n" + (Body is null ? string.Empty : Encoding.UTF8.GetString(Body));

    public HttpRequestMessage ToMessage(FuzzCredentials credentials)
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), new Uri(Target, UriKind.Relative));
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                // Added without validation: the generator sends malformed content types on purpose.
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        message.Headers.ExpectContinue = ExpectContinue ? true : null;
        switch (Identity)
        {
            case FuzzIdentity.Admin:
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credentials.AdminKey);
                break;
            case FuzzIdentity.Auditor:
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credentials.AuditorKey);
                break;
            case FuzzIdentity.Revoked:
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credentials.RevokedKey);
                break;
            case FuzzIdentity.Expired:
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credentials.ExpiredKey);
                break;
            case FuzzIdentity.SessionWithoutCsrf:
                message.Headers.TryAddWithoutValidation("Cookie", $"{credentials.SessionCookieName}={credentials.SessionCookie}");
                break;
            case FuzzIdentity.SessionWithForgedCsrf:
                message.Headers.TryAddWithoutValidation("Cookie", $"{credentials.SessionCookieName}={credentials.SessionCookie}");
                message.Headers.TryAddWithoutValidation("X-CSRF-Token", credentials.CsrfToken[..^4] + "AAAA");
                break;
        }

        foreach (var (name, value) in Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }

    /// <summary>A printable summary: enough to see what was sent and to replay it by its index.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"#{Index} [{Kind}] {Method} {FuzzText.Printable(Target, 300)} as {Identity}");
        if (ContentType is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  Content-Type: {FuzzText.Printable(ContentType, 200)}");
        }

        foreach (var (name, value) in Headers)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  {name}: {FuzzText.Printable(value, 200)}");
        }

        if (Body is not null)
        {
            var preview = Body.Length > 600 ? Body[..600] : Body;
            text.Append(CultureInfo.InvariantCulture, $"\n  body ({Body.Length} bytes): {FuzzText.Printable(Encoding.UTF8.GetString(preview))}");
            if (preview.Any(b => b >= 0x80))
            {
                text.Append(CultureInfo.InvariantCulture, $"\n  body bytes: {Convert.ToHexString(preview.Length > 120 ? preview[..120] : preview)}");
            }
        }

        return text.ToString();
    }
}
