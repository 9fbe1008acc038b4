using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GaLaAid.Api.Recipients;

namespace GaLaAid.Api.Audit;

/// <summary>
/// An operation's input as the trail keeps it: JSON in the API's own spelling (camelCase fields,
/// enum values as in the schema), with personal data masked, since the trail can never be corrected.
/// </summary>
public static class AuditInput
{
    public const string Redacted = "[redacted]";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Chinese stays readable to an auditor instead of becoming \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
    };

    /// <summary>Identity-document and phone numbers keep their last four characters, as staff and auditors see them.</summary>
    private static readonly HashSet<string> PartlyMasked = new(StringComparer.OrdinalIgnoreCase) { "idNumber", "phone" };

    /// <summary>Secrets are never kept, not even their length.</summary>
    private static readonly HashSet<string> Secret = new(StringComparer.OrdinalIgnoreCase) { "pin", "password", "secret", "key", "apiKey" };

    public static string Of(object? input)
    {
        var node = JsonSerializer.SerializeToNode(input, Options) ?? new JsonObject();
        Mask(node);
        return node.ToJsonString(Options);
    }

    private static void Mask(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is null)
                    {
                        continue;
                    }

                    if (Secret.Contains(name))
                    {
                        obj[name] = Redacted;
                    }
                    else if (PartlyMasked.Contains(name) && value is JsonValue text && text.TryGetValue<string>(out var raw))
                    {
                        obj[name] = HouseholdPrivacy.Mask(raw);
                    }
                    else
                    {
                        Mask(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array.Where(i => i is not null))
                {
                    Mask(item!);
                }

                break;
        }
    }
}
