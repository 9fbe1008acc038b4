using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using Microsoft.Extensions.Options;

namespace GaLaAid.Api.GraphQL;

/// <summary>
/// The validation rules a request is checked against: GraphQL's specified rules and ours (role
/// authorization, type names, operation types, complexity). Rules that a request's document has
/// already passed with the same caller roles or the same variable values (see <see cref="CheckedDocument"/>)
/// are left out: walking the document again could only give the same answer, and for a scan the
/// walks cost more CPU than the lookup itself.
/// </summary>
public sealed class RequestRules(
    RoleAuthorizationRule roles,
    TypeNameRule typeNames,
    OperationTypeRule operationTypes,
    IOptions<RequestLimits> limits)
{
    private readonly ComplexityValidationRule complexity = new(ComplexityOptions(limits.Value));

    /// <summary>The rules for one request, in the order they always ran; empty when the document passed all of them before.</summary>
    public IReadOnlyList<IValidationRule> For(CheckedDocument document, RequestKeys keys)
    {
        var rules = new List<IValidationRule>();
        if (!document.PassedSpecifiedRules)
        {
            rules.AddRange(DocumentValidator.CoreRules);
        }

        var callerRules = !document.PassedCallerRules(keys.Caller);
        var variableRules = !document.PassedVariableRules(keys.Variables);
        if (callerRules)
        {
            rules.Add(roles);
        }

        if (variableRules)
        {
            rules.Add(typeNames);
        }

        if (callerRules)
        {
            rules.Add(operationTypes);
        }

        if (variableRules)
        {
            rules.Add(complexity);
        }

        return rules;
    }

    /// <summary>
    /// Every field counts; a connection multiplies its children by its page size. Depth and total
    /// come from <see cref="RequestLimits"/>.
    /// </summary>
    private static ComplexityOptions ComplexityOptions(RequestLimits limits)
    {
        var options = new ComplexityOptions { MaxDepth = limits.MaxDepth, MaxComplexity = limits.MaxComplexity };
        options.DefaultComplexityImpactDelegate = ConnectionComplexity.Around(options.DefaultComplexityImpactDelegate);
        return options;
    }
}

/// <summary>What the remembered passes of a document are keyed by for one request.</summary>
/// <param name="Caller">The operation and the caller: signed in or not, and every role it holds.</param>
/// <param name="Variables">The operation and the values of the variables the rules can read.</param>
public sealed record RequestKeys(string Caller, string Variables)
{
    public static RequestKeys Of(CheckedDocument document, string? operationName, ClaimsPrincipal? user, Inputs? variables)
    {
        var operation = JsonSerializer.Serialize(operationName);
        var signedIn = user?.Identity?.IsAuthenticated == true;
        var roles = (user?.Identities ?? [])
            .SelectMany(identity => identity.FindAll(identity.RoleClaimType))
            .Select(claim => JsonSerializer.Serialize(claim.Value))
            .Order(StringComparer.Ordinal);
        var caller = $"{operation} {(signedIn ? "signed-in" : "anonymous")} [{string.Join(',', roles)}]";

        var values = new StringBuilder(operation);
        foreach (var name in document.VariablesReadByChecks)
        {
            values.Append(' ').Append(name);
            if (variables?.TryGetValue(name, out var value) == true)
            {
                values.Append('=');
                AppendValue(values, value);
            }
        }

        return new RequestKeys(caller, values.ToString());
    }

    /// <summary>A text that differs whenever the values differ (type included), for the parsed forms variables take.</summary>
    private static void AppendValue(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                text.Append(JsonSerializer.Serialize(s));
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                text.Append('{');
                foreach (var (key, item) in map.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    text.Append(JsonSerializer.Serialize(key)).Append(':');
                    AppendValue(text, item);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case System.Collections.IEnumerable list:
                text.Append('[');
                foreach (var item in list)
                {
                    AppendValue(text, item);
                    text.Append(',');
                }

                text.Append(']');
                break;
            case IFormattable formattable:
                text.Append(value.GetType().Name).Append(':').Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                text.Append(value.GetType().Name).Append(':').Append(JsonSerializer.Serialize(value.ToString()));
                break;
        }
    }
}
