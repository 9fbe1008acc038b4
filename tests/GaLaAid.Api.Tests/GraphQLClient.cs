using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GaLaAid.Api.Tests;

/// <summary>Posts GraphQL documents to /graphql and hands back the parsed response.</summary>
public sealed class GraphQLClient(HttpClient http)
{
    public HttpClient Http => http;

    public async Task<GraphQLResponse> SendAsync(string query, object? variables = null, string? operationName = null)
    {
        var body = JsonSerializer.Serialize(new { query, variables, operationName });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new GraphQLResponse(response.StatusCode, text, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>Sends a query or mutation that must succeed, and returns its data.</summary>
    public async Task<JsonNode> DataAsync(string query, object? variables = null)
    {
        var response = await SendAsync(query, variables);
        Assert.True(response.Json["errors"] is null, $"Unexpected GraphQL errors: {response.Text}");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Json["data"]!;
    }

    /// <summary>
    /// Runs a mutation with one input and returns its payload. The selection is the result field's
    /// selection; errors are always selected with their type name, code, message and field.
    /// </summary>
    public async Task<MutationResult> MutateAsync(string mutation, string resultField, string resultSelection, object input)
    {
        var inputType = char.ToUpperInvariant(mutation[0]) + mutation[1..] + "Input";
        var query = $$"""
            mutation($input: {{inputType}}!) {
              {{mutation}}(input: $input) {
                {{resultField}} {{resultSelection}}
                errors {
                  __typename
                  ... on Error { code message }
                  ... on ValidationError { field }
                  ... on InvalidIdError { field }
                  ... on NotFoundError { field }
                }
              }
            }
            """;
        var data = await DataAsync(query, new { input });
        var payload = data[mutation]!;
        return new MutationResult(payload[resultField], payload["errors"]!.AsArray());
    }
}

public sealed record GraphQLResponse(HttpStatusCode Status, string Text, JsonObject Json);

public sealed record MutationResult(JsonNode? Result, JsonArray Errors)
{
    public JsonNode Ok()
    {
        Assert.True(Errors.Count == 0, $"Unexpected payload errors: {Errors.ToJsonString()}");
        return Result!;
    }

    public JsonNode SingleError(string code)
    {
        Assert.True(Result is null, $"Expected no result but got {Result?.ToJsonString()}");
        var error = Assert.Single(Errors);
        Assert.Equal(code, (string?)error!["code"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]));
        return error;
    }
}
