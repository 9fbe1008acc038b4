using System.Globalization;
using GraphQLParser.AST;
using GraphQLParser.Visitors;

namespace GaLaAid.Api.GraphQL;

/// <summary>
/// How much one GraphQL request may ask for. The defaults leave room for every query in the README
/// and for a page of 500 items several levels deep, and stop documents that only a mistake or an
/// attack would send. Each can be changed under "Limits" in configuration.
/// </summary>
public sealed class RequestLimits
{
    /// <summary>Characters in the query text; the README's largest query has about 600.</summary>
    public int MaxQueryLength { get; set; } = 20_000;

    /// <summary>Operations in one document: a client may send several and pick one by name.</summary>
    public int MaxOperations { get; set; } = 20;

    /// <summary>Aliased fields in one document: enough to batch a few dozen writes or lookups.</summary>
    public int MaxAliases { get; set; } = 50;

    /// <summary>Nesting of selections: the deepest auditor query in the README is 12 levels.</summary>
    public int MaxDepth { get; set; } = 20;

    /// <summary>
    /// GraphQL.NET's complexity estimate: every field counts, and a connection multiplies its
    /// children by its page size. A hundred parents with a default page of children each, several
    /// levels deep (the shape the batching tests use), fits.
    /// </summary>
    public int MaxComplexity { get; set; } = 500_000;

    /// <summary>
    /// Fields in the document once every fragment spread is replaced by its fragment. A fragment that
    /// spreads another twice doubles it, so 25 short fragments make millions of fields, and
    /// GraphQL.NET's complexity analysis walks each of them (minutes of CPU) before it refuses.
    /// Counted here in one pass over the document; the README's queries expand to well under a hundred.
    /// </summary>
    public int MaxFields { get; set; } = 10_000;

    /// <summary>A problem with the document's size, or null when it is within the limits.</summary>
    public (string Code, string Message)? Check(GraphQLDocument document)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().Count();
        if (operations > MaxOperations)
        {
            return ("TOO_MANY_OPERATIONS", string.Create(CultureInfo.InvariantCulture,
                $"The document holds {operations} operations; at most {MaxOperations} are accepted. Send fewer, or split them over several requests."));
        }

        var aliases = AliasCounter.Count(document);
        if (aliases > MaxAliases)
        {
            return ("TOO_MANY_ALIASES", string.Create(CultureInfo.InvariantCulture,
                $"The document uses {aliases} aliases; at most {MaxAliases} are accepted. Split the work over several requests."));
        }

        var fields = FieldCounter.Count(document, MaxFields);
        if (fields > MaxFields)
        {
            return ("TOO_MANY_FIELDS", string.Create(CultureInfo.InvariantCulture,
                $"The document selects more than {MaxFields} fields once its fragments are expanded. Use fewer fragment spreads, or split the query."));
        }

        return null;
    }

    public (string Code, string Message)? CheckLength(string query) =>
        query.Length > MaxQueryLength
            ? ("QUERY_TOO_LONG", string.Create(CultureInfo.InvariantCulture,
                $"The query is {query.Length} characters long; at most {MaxQueryLength} are accepted. Move values into variables or split the query."))
            : null;

    /// <summary>Counts fields with fragments expanded, each fragment sized once; stops counting past the limit.</summary>
    private sealed class FieldCounter
    {
        private readonly Dictionary<string, GraphQLFragmentDefinition> fragments = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> sizes = new(StringComparer.Ordinal);
        private readonly HashSet<string> expanding = new(StringComparer.Ordinal);
        private readonly long cap;

        private FieldCounter(GraphQLDocument document, long cap)
        {
            this.cap = cap;
            foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
            {
                fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
            }
        }

        public static long Count(GraphQLDocument document, int max)
        {
            var counter = new FieldCounter(document, max + 1L);
            var total = 0L;
            foreach (var operation in document.Definitions.OfType<GraphQLOperationDefinition>())
            {
                total = Math.Min(total + counter.Size(operation.SelectionSet), counter.cap);
            }

            return total;
        }

        private long Size(GraphQLSelectionSet? selections)
        {
            var size = 0L;
            foreach (var selection in selections?.Selections ?? [])
            {
                size += selection switch
                {
                    GraphQLField field => 1 + Size(field.SelectionSet),
                    GraphQLInlineFragment inline => Size(inline.SelectionSet),
                    GraphQLFragmentSpread spread => FragmentSize(spread.FragmentName.Name.StringValue),
                    _ => 0,
                };
                size = Math.Min(size, cap);
            }

            return size;
        }

        /// <summary>An unknown fragment or a cycle counts nothing here: validation refuses both.</summary>
        private long FragmentSize(string name)
        {
            if (sizes.TryGetValue(name, out var known))
            {
                return known;
            }

            if (!fragments.TryGetValue(name, out var fragment) || !expanding.Add(name))
            {
                return 0;
            }

            var size = Size(fragment.SelectionSet);
            expanding.Remove(name);
            sizes[name] = size;
            return size;
        }
    }

    private sealed class AliasCounter : ASTVisitor<AliasCounter.Context>
    {
        private static readonly AliasCounter Instance = new();

        public static int Count(GraphQLDocument document)
        {
            var context = new Context();
            Instance.VisitAsync(document, context).AsTask().GetAwaiter().GetResult();
            return context.Aliases;
        }

        protected override ValueTask VisitFieldAsync(GraphQLField field, Context context)
        {
            if (field.Alias is not null)
            {
                context.Aliases++;
            }

            return base.VisitFieldAsync(field, context);
        }

        public sealed class Context : IASTVisitorContext
        {
            public int Aliases { get; set; }

            public CancellationToken CancellationToken => CancellationToken.None;
        }
    }
}
