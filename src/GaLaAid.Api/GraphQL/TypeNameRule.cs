using GraphQL.Validation;
using GraphQLParser.AST;
using GraphQLValidationError = GraphQL.Validation.ValidationError;

namespace GaLaAid.Api.GraphQL;

/// <summary>
/// GraphQL.NET's <c>__type(name:)</c> throws on an empty name instead of answering null, which the
/// client would see as an internal fault; such a name (as text or in a variable) is refused as an
/// invalid value before anything runs.
/// </summary>
public sealed class TypeNameRule : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context) =>
        new(new MatchingNodeVisitor<GraphQLField>((node, ctx) =>
        {
            if (node.Name.StringValue == "__type"
                && ctx.ArgumentValues?.TryGetValue(node, out var arguments) == true
                && arguments.TryGetValue("name", out var name)
                && name.Value is string { Length: 0 })
            {
                ctx.ReportError(new GraphQLValidationError(ctx.Document.Source, null!, "'__type' needs the name of a type; the name given is empty.", node)
                {
                    Code = "INVALID_VALUE",
                });
            }
        }));
}
