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

        return null;
    }

    public (string Code, string Message)? CheckLength(string query) =>
        query.Length > MaxQueryLength
            ? ("QUERY_TOO_LONG", string.Create(CultureInfo.InvariantCulture,
                $"The query is {query.Length} characters long; at most {MaxQueryLength} are accepted. Move values into variables or split the query."))
            : null;

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
