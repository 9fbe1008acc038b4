using GraphQL.Validation;
using GraphQLParser.AST;
using GraphQLValidationError = GraphQL.Validation.ValidationError;

namespace GaLaAid.Api.GraphQL;

/// <summary>
/// An operation needs its root type in the schema (GraphQL spec, "Operation Type Existence"). This
/// schema has no subscriptions, and GraphQL.NET's complexity analysis throws on a subscription
/// instead of refusing it, so such a document is refused here, before the analysis runs.
/// </summary>
public sealed class OperationTypeRule : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new MatchingNodeVisitor<GraphQLOperationDefinition>((operation, ctx) =>
        {
            var root = operation.Operation switch
            {
                OperationType.Query => (object?)ctx.Schema.Query,
                OperationType.Mutation => ctx.Schema.Mutation,
                _ => ctx.Schema.Subscription,
            };
            if (root is null)
            {
                ctx.ReportError(new GraphQLValidationError(ctx.Document.Source, null!,
                    $"This service has no {Keyword(operation.Operation)} operations; send a query or a mutation.", operation)
                {
                    Code = "OPERATION_NOT_SUPPORTED",
                });
            }
        }));

    private static string Keyword(OperationType operation) => operation switch
    {
        OperationType.Query => "query",
        OperationType.Mutation => "mutation",
        _ => "subscription",
    };
}
