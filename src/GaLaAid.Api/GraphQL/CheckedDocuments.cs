using System.Collections.Concurrent;
using GraphQLParser.AST;

namespace GaLaAid.Api.GraphQL;

/// <summary>
/// Documents that parsed and passed the request limits, by their text. Clients send the same few
/// queries all day (a scanner sends one), and parsing, the limit checks and GraphQL's own rules cost
/// more CPU than looking the answer up. GraphQL.NET's document cache shares parsed documents between
/// requests the same way; nothing downstream changes them.
/// </summary>
public sealed class CheckedDocuments
{
    /// <summary>
    /// Enough for every query the clients and the README send; when a client sends endless distinct
    /// texts the cache starts over rather than grow (each may be up to the 20,000-character limit).
    /// </summary>
    private const int MostKept = 256;

    /// <summary>
    /// Only short texts are kept: the queries clients repeat are a few hundred characters, while a
    /// parsed 20,000-character document can take megabytes, and 256 of those sent by anyone would
    /// cost more memory than the whole service is allowed.
    /// </summary>
    public const int LongestKept = 4_096;

    private readonly ConcurrentDictionary<string, CheckedDocument> byText = new(StringComparer.Ordinal);

    public CheckedDocument? Find(string query) => byText.GetValueOrDefault(query);

    /// <summary>The checked document, kept for the next request with the same text when the text is short enough.</summary>
    public CheckedDocument Remember(string query, GraphQLDocument document)
    {
        if (query.Length > LongestKept)
        {
            return new CheckedDocument(document);
        }

        if (byText.Count >= MostKept)
        {
            byText.Clear();
        }

        var entry = new CheckedDocument(document);
        byText[query] = entry;
        return entry;
    }
}

/// <summary>A parsed document within the limits, and whether GraphQL's specified rules have passed it once.</summary>
public sealed class CheckedDocument(GraphQLDocument document)
{
    private volatile bool passedSpecifiedRules;

    public GraphQLDocument Document { get; } = document;

    /// <summary>
    /// True once a request with this document passed validation. The specified rules (GraphQL.NET's
    /// core rules) look only at the document and the schema, so their answer cannot change; the
    /// rules that look at the caller's role or the request's variables (role authorization,
    /// complexity, type names) are added by their registrations on every request all the same.
    /// </summary>
    public bool PassedSpecifiedRules => passedSpecifiedRules;

    public void MarkPassedSpecifiedRules() => passedSpecifiedRules = true;
}
