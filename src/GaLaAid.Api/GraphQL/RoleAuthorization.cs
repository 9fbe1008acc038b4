using GaLaAid.Api.Accounts;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using GraphQLValidationError = GraphQL.Validation.ValidationError;

namespace GaLaAid.Api.GraphQL;

public static class RoleAuthorization
{
    public const string Forbidden = "FORBIDDEN";

    /// <summary>Lets only these roles select the field. Every root field must say; one that does not is denied to all.</summary>
    public static FieldBuilder<TSource, TReturn> AllowRoles<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, params Role[] roles)
    {
        field.FieldType.AllowRoles(roles);
        return field;
    }

    public static void AllowRoles(this FieldType field, params Role[] roles) =>
        field.AuthorizeWithRoles(roles.Select(r => r.Name()).ToArray());

    /// <summary>The roles that may select the field, or null when the field states none.</summary>
    public static IReadOnlyList<string>? AllowedRoles(this IFieldType field) =>
        field.GetRoles() is { Count: > 0 } roles ? roles : null;
}

/// <summary>
/// Refuses, before anything runs or is written, a document that selects a field the caller's role
/// may not use: a root field of Query or Mutation without roles (default denied), or any field whose
/// roles exclude the caller (e.g. a household's registered-poor flag for a volunteer). Introspection
/// is for signed-in users only.
/// </summary>
public sealed class RoleAuthorizationRule : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new MatchingNodeVisitor<GraphQLField>((node, ctx) => Check(node, ctx)));

    private static void Check(GraphQLField node, ValidationContext context)
    {
        var user = context.User;
        var signedIn = user?.Identity?.IsAuthenticated == true;
        var name = node.Name.StringValue;
        if (name is "__schema" or "__type")
        {
            if (!signedIn)
            {
                Report(context, node, "Sign in to read the schema.", "UNAUTHENTICATED");
            }

            return;
        }

        var field = context.TypeInfo.GetFieldDef();
        var parent = context.TypeInfo.GetParentType();
        if (field is null || parent is null || name.StartsWith("__", StringComparison.Ordinal))
        {
            return;
        }

        var isRoot = parent == context.Schema.Query || parent == context.Schema.Mutation;
        var roles = field.AllowedRoles();
        if (roles is null && !isRoot)
        {
            return;
        }

        if (!signedIn)
        {
            Report(context, node, "Sign in first: send 'Authorization: Bearer <api key>'.", "UNAUTHENTICATED");
        }
        else if (roles is null || !roles.Any(user!.IsInRole))
        {
            Report(context, node,
                $"Your role may not use '{parent.Name}.{field.Name}'." + (roles is null ? string.Empty : $" It is for: {string.Join(", ", roles)}."),
                RoleAuthorization.Forbidden);
        }
    }

    private static void Report(ValidationContext context, GraphQLField node, string message, string code) =>
        context.ReportError(new GraphQLValidationError(context.Document.Source, null!, message, node) { Code = code });
}
