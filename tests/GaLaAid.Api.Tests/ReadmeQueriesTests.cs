using System.Text.RegularExpressions;

namespace GaLaAid.Api.Tests;

/// <summary>The README's example operations stay valid GraphQL and within the request limits.</summary>
public sealed partial class ReadmeQueriesTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private static readonly string[] LimitCodes =
        ["COMPLEXITY", "QUERY_TOO_LONG", "TOO_MANY_OPERATIONS", "TOO_MANY_ALIASES", "MAX_DEPTH_EXCEEDED", "FORBIDDEN", "UNAUTHENTICATED"];

    public static TheoryData<int> ExampleNumbers()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Examples().Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    private static List<string> Examples() =>
        GraphQLBlock().Matches(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")))
            .Select(m => m.Groups["body"].Value)
            .SelectMany(SplitOperations)
            .ToList();

    /// <summary>A block may hold several operations one after another; each is sent on its own.</summary>
    private static IEnumerable<string> SplitOperations(string block) =>
        OperationStart().Split(CommentLine().Replace(block, string.Empty)).Where(part => !string.IsNullOrWhiteSpace(part));

    [Fact]
    public void The_readme_has_example_operations() => Assert.True(Examples().Count >= 6);

    [Theory]
    [MemberData(nameof(ExampleNumbers))]
    public async Task Readme_example_parses_validates_and_stays_within_the_limits(int number)
    {
        var example = Examples()[number];

        var response = await app.GraphQL().SendAsync(example);

        var errors = response.Json["errors"]?.AsArray() ?? [];
        foreach (var error in errors)
        {
            var code = (string?)error!["extensions"]?["code"];
            Assert.DoesNotContain(code, LimitCodes);
            // Examples that need variables may miss them here; anything else is a broken example.
            Assert.True(
                code is "INVALID_VALUE" or "VARIABLES_ARE_INPUT_TYPES" or "INVALID_LITERAL" || (code?.StartsWith("VARIABLE", StringComparison.Ordinal) ?? false),
                $"Example {number} fails with {code}: {error.ToJsonString()}\n{example}");
        }
    }

    [GeneratedRegex("```graphql\\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex GraphQLBlock();

    [GeneratedRegex("^[ \\t]*#.*$", RegexOptions.Multiline)]
    private static partial Regex CommentLine();

    [GeneratedRegex("\\n(?=(?:mutation|query|\\{))")]
    private static partial Regex OperationStart();
}
