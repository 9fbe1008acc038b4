using System.Collections.Concurrent;
using GraphQLParser.AST;
using GraphQLParser.Visitors;

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

/// <summary>
/// A parsed document within the limits, and which checks it has passed before. GraphQL's specified
/// rules read only the document and the schema, so one pass holds for every later request. Our own
/// rules also read the caller or the variables, so their passes are remembered with exactly what
/// they read: the caller's roles (role authorization, operation types) or the values of the
/// variables that can reach a page size or a type name (complexity, type names). A request with a
/// caller or values not seen passing before runs those rules again, and a refusal is never
/// remembered: it is reached again, with the same errors, on every request that earns it.
/// </summary>
public sealed class CheckedDocument(GraphQLDocument document)
{
    /// <summary>Distinct callers and variable values remembered per document before it starts over.</summary>
    private const int MostPassesKept = 64;

    private readonly ConcurrentDictionary<string, bool> callersPassed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> variablesPassed = new(StringComparer.Ordinal);
    private volatile bool passedSpecifiedRules;

    public GraphQLDocument Document { get; } = document;

    /// <summary>
    /// The variables whose values the complexity and type-name rules can read, in name order:
    /// those given to an argument named first, last or id (GraphQL.NET's complexity estimate and
    /// <see cref="ConnectionComplexity"/> read these), or name (<c>__type(name:)</c>), and every
    /// variable of a directive (<c>@include(if: $v)</c> decides whether a selection counts).
    /// </summary>
    public IReadOnlyList<string> VariablesReadByChecks { get; } = CheckedVariables.Of(document);

    /// <summary>True once a request with this document passed GraphQL's specified rules.</summary>
    public bool PassedSpecifiedRules => passedSpecifiedRules;

    /// <summary>Whether the rules that read the caller passed this document for a caller with these roles and this operation.</summary>
    public bool PassedCallerRules(string callerKey) => callersPassed.ContainsKey(callerKey);

    /// <summary>Whether the rules that read variables passed this document with these values and this operation.</summary>
    public bool PassedVariableRules(string variablesKey) => variablesPassed.ContainsKey(variablesKey);

    /// <summary>Called once a request with this document passed every rule it was checked against.</summary>
    public void MarkPassed(string callerKey, string variablesKey)
    {
        passedSpecifiedRules = true;
        Remember(callersPassed, callerKey);
        Remember(variablesPassed, variablesKey);
    }

    private static void Remember(ConcurrentDictionary<string, bool> passes, string key)
    {
        if (passes.Count >= MostPassesKept)
        {
            passes.Clear();
        }

        passes[key] = true;
    }

    /// <summary>Finds the variables that <see cref="VariablesReadByChecks"/> names.</summary>
    private sealed class CheckedVariables : ASTVisitor<CheckedVariables.Context>
    {
        private static readonly CheckedVariables Instance = new();

        private static readonly HashSet<string> ArgumentsReadByChecks = new(StringComparer.Ordinal) { "first", "last", "id", "name" };

        public static string[] Of(GraphQLDocument document)
        {
            var context = new Context();
            Instance.VisitAsync(document, context).AsTask().GetAwaiter().GetResult();
            return context.Names.Order(StringComparer.Ordinal).ToArray();
        }

        protected override ValueTask VisitFieldAsync(GraphQLField field, Context context)
        {
            foreach (var argument in field.Arguments?.Items ?? [])
            {
                if (ArgumentsReadByChecks.Contains(argument.Name.StringValue))
                {
                    context.Reading++;
                    VisitAsync(argument.Value, context).AsTask().GetAwaiter().GetResult();
                    context.Reading--;
                }
            }

            return base.VisitFieldAsync(field, context);
        }

        protected override async ValueTask VisitDirectiveAsync(GraphQLDirective directive, Context context)
        {
            context.Reading++;
            await base.VisitDirectiveAsync(directive, context);
            context.Reading--;
        }

        protected override ValueTask VisitVariableAsync(GraphQLVariable variable, Context context)
        {
            if (context.Reading > 0)
            {
                context.Names.Add(variable.Name.StringValue);
            }

            return base.VisitVariableAsync(variable, context);
        }

        public sealed class Context : IASTVisitorContext
        {
            public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

            public int Reading { get; set; }

            public CancellationToken CancellationToken => CancellationToken.None;
        }
    }
}
