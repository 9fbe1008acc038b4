using GraphQL;
using GraphQL.Types;
using GraphQL.Validation.Complexity;

namespace GaLaAid.Api.GraphQL;

/// <summary>
/// Teaches GraphQL.NET's complexity estimate what our connections return: a connection multiplies
/// what is selected beneath it by its page size (first or last, or the default page), and its
/// edges and nodes lists do not multiply again. Other lists count as the analyzer's default.
/// </summary>
public static class ConnectionComplexity
{
    /// <summary>Wraps the analyzer's own estimate, which still prices every field that is not part of a connection.</summary>
    public static Func<FieldImpactContext, FieldComplexityResult> Around(Func<FieldImpactContext, FieldComplexityResult> fallback) =>
        context => Impact(context) ?? fallback(context);

    private static FieldComplexityResult? Impact(FieldImpactContext context)
    {
        var returns = context.FieldDefinition.ResolvedType?.GetNamedType();
        if (returns?.Name.EndsWith("Connection", StringComparison.Ordinal) == true)
        {
            var pageSize = context.GetArgument<int?>("first", null) ?? context.GetArgument<int?>("last", null) ?? PageRequest.DefaultPageSize;
            return new FieldComplexityResult(1, Math.Clamp(pageSize, 1, PageRequest.MaxPageSize));
        }

        if (context.ParentType.Name.EndsWith("Connection", StringComparison.Ordinal) && context.FieldDefinition.Name is "edges" or "nodes")
        {
            return new FieldComplexityResult(1, 1);
        }

        return null;
    }
}
