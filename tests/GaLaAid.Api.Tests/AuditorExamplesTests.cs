using System.Text.Json;
using System.Text.Json.Nodes;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.Tests.Seed;

namespace GaLaAid.Api.Tests;

/// <summary>
/// The auditor's standard operations in <c>schema/examples/</c> run as an auditor against the demo
/// village without errors. Where an example's answer does not depend on random label codes or
/// clock times, its answer is kept beside it (<c>.json</c>), compared here, and shown in the README,
/// so the README's figures are the service's real output. <c>GALAAID_UPDATE_EXAMPLES=1</c> rewrites them.
/// </summary>
public sealed class AuditorExamplesTests(DemoSeededApp app) : IClassFixture<DemoSeededApp>
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "schema", "examples");

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static TheoryData<string> ExampleNames() => new(Names());

    private static List<string> Names() =>
        Directory.GetFiles(Folder, "*.graphql").Order(StringComparer.Ordinal).Select(file => Path.GetFileNameWithoutExtension(file)).ToList();

    [Fact]
    public void There_are_examples_and_the_readme_shows_each_one_and_each_kept_answer()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")).ReplaceLineEndings("\n");
        var names = Names();
        Assert.True(names.Count >= 3, "schema/examples holds the auditor's standard operations.");
        foreach (var name in names)
        {
            var operation = File.ReadAllText(Path.Combine(Folder, name + ".graphql")).ReplaceLineEndings("\n").Trim();
            Assert.True(readme.Contains(operation, StringComparison.Ordinal), $"README does not show schema/examples/{name}.graphql as it is.");
            var answer = Path.Combine(Folder, name + ".json");
            if (File.Exists(answer))
            {
                var kept = File.ReadAllText(answer).ReplaceLineEndings("\n").Trim();
                Assert.True(readme.Contains(kept, StringComparison.Ordinal), $"README does not show schema/examples/{name}.json, the real answer, as it is.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ExampleNames))]
    public async Task Example_runs_as_an_auditor_on_the_demo_village_and_gives_its_kept_answer(string name)
    {
        var operation = await File.ReadAllTextAsync(Path.Combine(Folder, name + ".graphql"));
        var auditor = await app.GraphQLAsAsync(Role.Auditor);

        var data = await auditor.DataAsync(operation);

        var answer = Path.Combine(Folder, name + ".json");
        var actual = JsonSerializer.Serialize(new JsonObject { ["data"] = data.DeepClone() }, Indented).ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("GALAAID_UPDATE_EXAMPLES") == "1" && File.Exists(answer))
        {
            await File.WriteAllTextAsync(answer, actual + "\n");
        }

        if (File.Exists(answer))
        {
            Assert.Equal((await File.ReadAllTextAsync(answer)).ReplaceLineEndings("\n").Trim(), actual.Trim());
        }
    }
}
