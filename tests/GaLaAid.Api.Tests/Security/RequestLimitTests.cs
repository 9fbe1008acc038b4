using System.Net;
using System.Text;
using GaLaAid.Api.GraphQL;

namespace GaLaAid.Api.Tests.Security;

/// <summary>Each limit on one request answers with a 4xx and its own error code, and runs nothing.</summary>
public sealed class RequestLimitTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private static readonly RequestLimits Defaults = new();

    private static string ErrorCode(GraphQLResponse response) =>
        (string)response.Json["errors"]![0]!["extensions"]!["code"]!;

    private async Task AssertRefusedAsync(string query, string code)
    {
        var before = await app.LedgerCountsAsync();
        var response = await app.GraphQL().SendAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(code, ErrorCode(response));
        Assert.Null(response.Json["data"]);
        Assert.Equal(before, await app.LedgerCountsAsync());
    }

    [Fact]
    public Task A_query_longer_than_the_limit_is_refused_as_too_long() =>
        AssertRefusedAsync("{ donors { totalCount } }" + new string(' ', Defaults.MaxQueryLength), "QUERY_TOO_LONG");

    [Fact]
    public Task A_document_with_too_many_operations_is_refused() =>
        AssertRefusedAsync(
            string.Concat(Enumerable.Range(0, Defaults.MaxOperations + 1).Select(i => $"query q{i} {{ donors {{ totalCount }} }} ")),
            "TOO_MANY_OPERATIONS");

    [Fact]
    public Task A_document_with_too_many_aliases_is_refused() =>
        AssertRefusedAsync(
            "mutation {" + string.Concat(Enumerable.Range(0, Defaults.MaxAliases + 1)
                .Select(i => $" a{i}: createDonor(input: {{ name: \"x{i}\", kind: PERSON }}) {{ errors {{ __typename }} }}")) + " }",
            "TOO_MANY_ALIASES");

    [Fact]
    public async Task The_limits_let_a_document_at_the_limit_through()
    {
        var aliases = string.Concat(Enumerable.Range(0, Defaults.MaxAliases).Select(i => $" a{i}: donors(first: 1) {{ totalCount }}"));

        var data = await app.GraphQL().DataAsync("{" + aliases + " }");

        Assert.NotNull(data["a49"]);
    }

    [Fact]
    public Task A_selection_nested_deeper_than_the_limit_is_refused()
    {
        // recipient → parent → parent … : every level is an object field, so only depth is at stake.
        var depth = Defaults.MaxDepth + 1;
        var query = "{ recipients(first: 1) { nodes { " + string.Concat(Enumerable.Repeat("parent { ", depth)) + "name"
            + new string('}', depth) + " } } }";
        return AssertRefusedAsync(query, "COMPLEXITY");
    }

    [Fact]
    public Task A_query_whose_pages_multiply_past_the_complexity_limit_is_refused() =>
        AssertRefusedAsync(
            "{ stockEntries(first: 500) { nodes { id item { entries(first: 500) { nodes { id kind quantity } } } } } }",
            "COMPLEXITY");

    [Fact]
    public Task A_document_whose_fragments_multiply_past_the_field_limit_is_refused_before_it_is_analysed()
    {
        // Each fragment spreads the next twice: 40 of them would expand to 2^40 fields.
        var fragments = string.Concat(Enumerable.Range(0, 40).Select(i => $"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }} "));
        return AssertRefusedAsync("{ ...F0 } " + fragments + "fragment F40 on Query { __typename }", "TOO_MANY_FIELDS");
    }

    [Fact]
    public async Task Fragments_that_expand_to_fewer_fields_than_the_limit_run()
    {
        var fragments = string.Concat(Enumerable.Range(0, 8).Select(i => $"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }} "));

        var data = await app.GraphQL().DataAsync("{ ...F0 } " + fragments + "fragment F8 on Query { __typename }");

        Assert.Equal("Query", (string?)data["__typename"]);
    }

    [Fact]
    public async Task A_body_larger_than_one_megabyte_is_refused_with_413_before_it_is_read()
    {
        using var server = new GaLaAidApp();
        server.UseKestrel(0);
        server.StartServer();
        using var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", GaLaAidApp.AdminKey);
        var body = "{\"query\":\"{ donors { totalCount } }\",\"variables\":{\"pad\":\"" + new string('x', 1_100_000) + "\"}}";

        using var response = await client.PostAsync("/graphql", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("\"errors\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
