using System.Collections.Concurrent;
using GraphQLParser.AST;

namespace GaLaAid.Api.GraphQL;

/// <summary>
/// Documents that parsed and passed the request limits, by their text. Clients send the same few
/// queries all day (a scanner sends one), and parsing plus the limit checks cost more CPU than
/// looking the answer up. Only what depends on the text alone is kept: validation, which depends on
/// the caller's role, and execution still run for every request. GraphQL.NET's own document cache
/// shares parsed documents between requests the same way; nothing downstream changes them.
/// </summary>
public sealed class CheckedDocuments
{
    /// <summary>
    /// Enough for every query the clients and the README send; when a client sends endless distinct
    /// texts the cache starts over rather than grow (each may be up to the 20,000-character limit).
    /// </summary>
    private const int MostKept = 256;

    private readonly ConcurrentDictionary<string, GraphQLDocument> byText = new(StringComparer.Ordinal);

    public GraphQLDocument? Find(string query) => byText.GetValueOrDefault(query);

    public void Remember(string query, GraphQLDocument document)
    {
        if (byText.Count >= MostKept)
        {
            byText.Clear();
        }

        byText[query] = document;
    }
}
