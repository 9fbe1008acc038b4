using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using Microsoft.Extensions.DependencyInjection;

namespace GaLaAid.Api.Tests;

public sealed class SchemaTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private static readonly string SchemaFile = Path.Combine(RepositoryRoot.Path, "schema", "galaaid.graphql");

    private ISchema Schema()
    {
        var schema = app.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        return schema;
    }

    [Fact]
    public void Printed_schema_matches_the_committed_sdl_file()
    {
        var printed = Schema().Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true }).ReplaceLineEndings("\n").TrimEnd() + "\n";
        if (Environment.GetEnvironmentVariable("GALAAID_UPDATE_SCHEMA") == "1")
        {
            File.WriteAllText(SchemaFile, printed);
        }

        Assert.True(File.Exists(SchemaFile), $"{SchemaFile} is missing; regenerate it with GALAAID_UPDATE_SCHEMA=1 dotnet test --filter SchemaTests");
        var committed = File.ReadAllText(SchemaFile).ReplaceLineEndings("\n");
        Assert.True(
            committed == printed,
            "schema/galaaid.graphql differs from the running schema. Review the change, then regenerate it with: GALAAID_UPDATE_SCHEMA=1 dotnet test GaLaAid.sln --filter SchemaTests");
    }

    [Fact]
    public void Every_type_field_argument_input_field_and_enum_value_has_a_description()
    {
        var missing = new List<string>();
        foreach (var type in Schema().AllTypes.Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal)))
        {
            if (type is ScalarGraphType)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(type.Description))
            {
                missing.Add(type.Name);
            }

            if (type is EnumerationGraphType enumeration)
            {
                missing.AddRange(enumeration.Values
                    .Where(value => string.IsNullOrWhiteSpace(value.Description))
                    .Select(value => $"{type.Name}.{value.Name}"));
            }

            if (type is IComplexGraphType complex)
            {
                foreach (var field in complex.Fields)
                {
                    if (string.IsNullOrWhiteSpace(field.Description))
                    {
                        missing.Add($"{type.Name}.{field.Name}");
                    }

                    foreach (var argument in field.Arguments ?? [])
                    {
                        if (string.IsNullOrWhiteSpace(argument.Description))
                        {
                            missing.Add($"{type.Name}.{field.Name}({argument.Name})");
                        }
                    }
                }
            }
        }

        Assert.True(missing.Count == 0, "Missing descriptions: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_mutation_takes_one_input_and_returns_a_payload_with_typed_errors()
    {
        var schema = Schema();
        foreach (var field in schema.Mutation!.Fields)
        {
            var argument = Assert.Single(field.Arguments!);
            Assert.Equal("input", argument.Name);
            var payload = Assert.IsAssignableFrom<IObjectGraphType>(((NonNullGraphType)field.ResolvedType!).ResolvedType);
            Assert.Equal(char.ToUpperInvariant(field.Name[0]) + field.Name[1..] + "Payload", payload.Name);
            var errors = payload.GetField("errors")!.ResolvedType!.ToString();
            Assert.Equal($"[{char.ToUpperInvariant(field.Name[0]) + field.Name[1..]}Error!]!", errors);
            var union = Assert.IsType<UnionGraphType>(schema.AllTypes[payload.Name.Replace("Payload", "Error", StringComparison.Ordinal)]);
            Assert.All(union.PossibleTypes, member => Assert.Contains(member.ResolvedInterfaces, i => i.Name == "Error"));
        }
    }
}
