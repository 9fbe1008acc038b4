using System.Text.Json.Nodes;

namespace GaLaAid.Api.Tests.Security;

/// <summary>A type reference as introspection gives it: NON_NULL and LIST wrap a named type.</summary>
public sealed record FuzzTypeRef(string Kind, string? Name, FuzzTypeRef? OfType)
{
    public string NamedType => Name ?? OfType!.NamedType;

    public bool IsNonNull => Kind == "NON_NULL";

    public override string ToString() => Kind switch
    {
        "NON_NULL" => OfType + "!",
        "LIST" => "[" + OfType + "]",
        _ => Name!,
    };

    public static FuzzTypeRef From(JsonNode node) =>
        new((string)node["kind"]!, (string?)node["name"], node["ofType"] is { } ofType ? From(ofType) : null);
}

public sealed record FuzzInputValue(string Name, FuzzTypeRef Type);

public sealed record FuzzField(string Name, FuzzTypeRef Type, IReadOnlyList<FuzzInputValue> Arguments);

public sealed record FuzzType(
    string Name,
    string Kind,
    IReadOnlyList<FuzzField> Fields,
    IReadOnlyList<FuzzInputValue> InputFields,
    IReadOnlyList<string> EnumValues,
    IReadOnlyList<string> PossibleTypes)
{
    public bool IsComposite => Kind is "OBJECT" or "INTERFACE" or "UNION";
}

/// <summary>The running service's schema, read once by introspection, for generating documents that look like real ones.</summary>
public sealed class FuzzSchema
{
    /// <summary>Every type's name and kind; the fields of each are read one type at a time, to stay within the complexity limit.</summary>
    private const string TypesQuery = """
        {
          __schema {
            queryType { name }
            mutationType { name }
            types { name kind enumValues { name } possibleTypes { name } }
          }
        }
        """;

    private const string TypeQuery = """
        query($name: String!) {
          __type(name: $name) {
            fields { name type { ...Ref } args { name type { ...Ref } } }
            inputFields { name type { ...Ref } }
          }
        }
        fragment Ref on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }
        """;

    private FuzzSchema(IReadOnlyDictionary<string, FuzzType> types, string query, string mutation)
    {
        Types = types;
        Query = types[query];
        Mutation = types[mutation];
        Names = [.. types.Keys, .. types.Values.SelectMany(t => t.Fields.Select(f => f.Name)), .. types.Values.SelectMany(t => t.InputFields.Select(f => f.Name))];
    }

    public IReadOnlyDictionary<string, FuzzType> Types { get; }

    public FuzzType Query { get; }

    public FuzzType Mutation { get; }

    /// <summary>Every type, field and input field name, for token soup that looks almost right.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Reads the schema of the running service by introspection.</summary>
    public static async Task<FuzzSchema> ReadAsync(GraphQLClient client)
    {
        var schema = (await client.DataAsync(TypesQuery))["__schema"]!;
        var types = new List<FuzzType>();
        foreach (var type in schema["types"]!.AsArray())
        {
            var name = (string)type!["name"]!;
            var kind = (string)type["kind"]!;
            var details = kind is "OBJECT" or "INTERFACE" or "INPUT_OBJECT"
                ? (await client.DataAsync(TypeQuery, new { name }))["__type"]!
                : null;
            types.Add(new FuzzType(
                name,
                kind,
                details?["fields"]?.AsArray().Select(f => new FuzzField(
                    (string)f!["name"]!,
                    FuzzTypeRef.From(f["type"]!),
                    f["args"]!.AsArray().Select(a => new FuzzInputValue((string)a!["name"]!, FuzzTypeRef.From(a["type"]!))).ToList())).ToList() ?? [],
                details?["inputFields"]?.AsArray().Select(f => new FuzzInputValue((string)f!["name"]!, FuzzTypeRef.From(f["type"]!))).ToList() ?? [],
                type["enumValues"]?.AsArray().Select(v => (string)v!["name"]!).ToList() ?? [],
                type["possibleTypes"]?.AsArray().Select(p => (string)p!["name"]!).ToList() ?? []));
        }

        return new FuzzSchema(
            types.ToDictionary(t => t.Name, StringComparer.Ordinal),
            (string)schema["queryType"]!["name"]!,
            (string)schema["mutationType"]!["name"]!);
    }
}
