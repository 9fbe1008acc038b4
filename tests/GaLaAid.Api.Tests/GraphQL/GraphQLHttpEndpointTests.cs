using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GaLaAid.Api.Tests.GraphQL;

/// <summary>
/// /graphql against the GraphQL-over-HTTP spec (https://graphql.github.io/graphql-over-http/draft/),
/// one behaviour per test. GraphQLHttpAuditTests runs the graphql-http audit suite on top.
/// </summary>
public sealed class GraphQLHttpEndpointTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string GraphQLResponseJson = "application/graphql-response+json";
    private const string Json = "application/json";
    private const string TypenameQuery = """{"query":"{ __typename }"}""";
    private const string ParseError = """{"query":"{"}""";
    private const string ValidationError = """{"query":"{ noSuchField }"}""";
    private const string VariableCoercionError = """{"query":"query($id: ID!) { node(id: $id) { id } }","variables":{"id":null}}""";

    [Fact]
    public async Task Post_with_a_json_body_runs_the_query()
    {
        var response = await PostAsync(TypenameQuery, accept: GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(GraphQLResponseJson, response.MediaType);
        Assert.Equal("Query", (string?)response.Json["data"]!["__typename"]);
        Assert.Null(response.Json["errors"]);
    }

    [Fact]
    public async Task Post_with_an_explicit_utf8_charset_is_accepted()
    {
        var response = await PostAsync(TypenameQuery, contentType: "application/json; charset=utf-8");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Query", (string?)response.Json["data"]!["__typename"]);
    }

    [Fact]
    public async Task Get_request_runs_a_query()
    {
        var response = await GetAsync(["query={ __typename }"], GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(GraphQLResponseJson, response.MediaType);
        Assert.Equal("Query", (string?)response.Json["data"]!["__typename"]);
    }

    [Fact]
    public async Task Get_request_takes_url_encoded_json_variables_and_an_operation_name()
    {
        var response = await GetAsync(
        [
            "query=query Kind($name: String!) { __type(name: $name) { name } }",
            "variables={\"name\":\"DonorKind\"}",
            "operationName=Kind",
        ]);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("DonorKind", (string?)response.Json["data"]!["__type"]!["name"]);
    }

    [Fact]
    public async Task Get_request_with_a_mutation_is_refused_with_405()
    {
        var before = await app.LedgerCountsAsync();

        var response = await GetAsync(
            ["query=mutation { createDonor(input: { name: \"GET donor\", kind: PERSON }) { donor { id } } }"],
            GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("POST", response.Allow);
        AssertRequestError(response);
        Assert.Equal(before, await app.LedgerCountsAsync());
    }

    [Fact]
    public async Task Get_request_may_select_the_query_in_a_document_that_also_holds_a_mutation()
    {
        var response = await GetAsync(["query=query Read { __typename } mutation Write { __typename }", "operationName=Read"]);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Query", (string?)response.Json["data"]!["__typename"]);
    }

    [Fact]
    public async Task Get_request_selecting_the_mutation_in_a_mixed_document_is_refused_with_405()
    {
        var response = await GetAsync(["query=query Read { __typename } mutation Write { __typename }", "operationName=Write"]);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("POST", response.Allow);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Unsupported_method_is_refused_with_405_naming_get_and_post(string method)
    {
        var response = await SendAsync(new HttpMethod(method), "/graphql", TypenameQuery, Json, accept: null);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("GET, POST", response.Allow);
        AssertRequestError(response);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/graphql")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task Post_with_an_unsupported_content_type_is_refused_with_415(string contentType)
    {
        var response = await PostAsync(TypenameQuery, contentType: contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        AssertRequestError(response);
    }

    [Fact]
    public async Task Post_without_a_content_type_is_refused_with_415()
    {
        var response = await PostAsync(TypenameQuery, contentType: null);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        AssertRequestError(response);
    }

    [Fact]
    public async Task Post_without_a_body_is_refused_with_400()
    {
        var response = await PostAsync("");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        AssertRequestError(response);
    }

    [Theory]
    [InlineData("{ \"not a JSON")]
    [InlineData("{\"query\": \"{ __typename }\",}")]
    public async Task Post_with_a_body_that_is_not_json_is_refused_with_400(string body)
    {
        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        AssertRequestError(response);
    }

    [Fact]
    public async Task Post_with_a_body_that_is_not_utf8_is_refused_with_400()
    {
        byte[] body = [.. "{\"query\":\"{ __typename }\",\"x\":\""u8, 0xFF, .. "\"}"u8];

        var response = await SendAsync(HttpMethod.Post, "/graphql", new ByteArrayContent(body), Json, accept: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        AssertRequestError(response);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"query\":\"{ __typename }\"}]")]
    [InlineData("\"{ __typename }\"")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task Post_with_a_body_that_is_not_a_json_object_is_refused_with_400(string body)
    {
        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        AssertRequestError(response);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"qeury\":\"{ __typename }\"}")]
    [InlineData("{\"query\":\"\"}")]
    [InlineData("{\"query\":null}")]
    public async Task Post_without_a_query_is_refused_with_400(string body)
    {
        var response = await PostAsync(body, accept: GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        AssertRequestError(response);
    }

    [Theory]
    [InlineData("{\"query\":{\"obj\":\"ect\"}}")]
    [InlineData("{\"query\":0}")]
    [InlineData("{\"query\":false}")]
    [InlineData("{\"query\":[\"{ __typename }\"]}")]
    public async Task Post_with_a_query_that_is_not_a_string_is_refused_with_400(string body)
    {
        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        AssertRequestError(response);
    }

    [Theory]
    [InlineData("\"string\"")]
    [InlineData("0")]
    [InlineData("false")]
    [InlineData("[\"array\"]")]
    public async Task Post_with_variables_that_are_not_an_object_is_refused_with_400(string variables)
    {
        var response = await PostAsync($$"""{"query":"{ __typename }","variables":{{variables}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        AssertRequestError(response);
    }

    [Theory]
    [InlineData("\"string\"")]
    [InlineData("[\"array\"]")]
    public async Task Post_with_extensions_that_are_not_an_object_is_refused_with_400(string extensions)
    {
        var response = await PostAsync($$"""{"query":"{ __typename }","extensions":{{extensions}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        AssertRequestError(response);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("{\"obj\":\"ect\"}")]
    public async Task Post_with_an_operation_name_that_is_not_a_string_is_refused_with_400(string operationName)
    {
        var response = await PostAsync($$"""{"query":"{ __typename }","operationName":{{operationName}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        AssertRequestError(response);
    }

    [Theory]
    [InlineData("variables")]
    [InlineData("operationName")]
    [InlineData("extensions")]
    public async Task Post_allows_null_optional_parameters(string parameter)
    {
        var response = await PostAsync($$"""{"query":"{ __typename }","{{parameter}}":null}""", accept: GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Null(response.Json["errors"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("query={ __typename }&query={ __typename }")]
    public async Task Get_request_without_exactly_one_query_is_refused_with_400(string queryString)
    {
        var response = await SendAsync(HttpMethod.Get, "/graphql?" + queryString, content: null, contentType: null, accept: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        AssertRequestError(response);
    }

    [Theory]
    [InlineData("variables=[1]")]
    [InlineData("variables={")]
    [InlineData("extensions=5")]
    public async Task Get_request_with_variables_or_extensions_that_are_not_a_json_object_is_refused_with_400(string parameter)
    {
        var response = await GetAsync(["query={ __typename }", parameter]);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        AssertRequestError(response);
    }

    [Fact]
    public async Task Parse_error_is_a_400_without_data_with_graphql_response_json()
    {
        var response = await PostAsync(ParseError, accept: GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(GraphQLResponseJson, response.MediaType);
        Assert.Equal("SYNTAX_ERROR", ErrorCode(response));
        AssertRequestError(response);
    }

    [Fact]
    public async Task Parse_error_is_a_200_with_application_json()
    {
        var response = await PostAsync(ParseError, accept: Json);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(Json, response.MediaType);
        Assert.Equal("SYNTAX_ERROR", ErrorCode(response));
        AssertRequestError(response);
    }

    [Fact]
    public async Task Validation_error_is_a_400_without_data_with_graphql_response_json()
    {
        var response = await PostAsync(ValidationError, accept: GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", ErrorCode(response));
        AssertRequestError(response);
    }

    [Fact]
    public async Task Validation_error_is_a_200_with_application_json()
    {
        var response = await PostAsync(ValidationError, accept: Json);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", ErrorCode(response));
        AssertRequestError(response);
    }

    [Fact]
    public async Task Variable_coercion_error_is_a_400_without_data_with_graphql_response_json()
    {
        var response = await PostAsync(VariableCoercionError, accept: GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_VALUE", ErrorCode(response));
        AssertRequestError(response);
    }

    [Fact]
    public async Task Variable_coercion_error_is_a_200_with_application_json()
    {
        var response = await PostAsync(VariableCoercionError, accept: Json);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("INVALID_VALUE", ErrorCode(response));
        AssertRequestError(response);
    }

    [Fact]
    public async Task Field_error_after_execution_began_is_a_200_with_data_and_errors()
    {
        var response = await PostAsync("""{"query":"{ donors(first: -1) { totalCount } }"}""", accept: GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(response.Json.ContainsKey("data"), response.Text);
        Assert.NotEmpty(response.Json["errors"]!.AsArray());
    }

    [Fact]
    public async Task Document_nested_too_deeply_is_a_request_error_not_a_server_error()
    {
        var query = string.Concat(Enumerable.Repeat("{ a ", 1000)) + new string('}', 1000);

        var response = await PostAsync(JsonSerializer.Serialize(new { query }), accept: GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("MAX_DEPTH_EXCEEDED", ErrorCode(response));
        AssertRequestError(response);
    }

    [Theory]
    [InlineData("""{"query":"{ __typename \ud800 }"}""")]
    [InlineData("""{"query":"{ __typename }","operationName":"\udc00"}""")]
    [InlineData("""{"query":"query($n: String) { __type(name: $n) { name } }","variables":{"n":"a\ud800"}}""")]
    [InlineData("""{"query":"{ __typename }","variables":{"\ud800":1}}""")]
    [InlineData("""{"query":"{ __typename }","\ud800":1}""")]
    public async Task Post_with_a_lone_surrogate_escape_in_a_json_string_is_refused_with_400(string body)
    {
        var response = await PostAsync(body, accept: GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_REQUEST", ErrorCode(response));
        AssertRequestError(response);
    }

    [Theory]
    [InlineData("""{"query":"{ __typename }","query":"{ me { userName } }"}""")]
    [InlineData("""{"query":"{ __typename }","variables":{"a":1,"a":2}}""")]
    [InlineData("""{"query":"{ __typename }","extensions":{"x":{"y":1,"y":1}}}""")]
    public async Task Post_with_a_json_member_named_twice_is_refused_with_400(string body)
    {
        var response = await PostAsync(body, accept: GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_REQUEST", ErrorCode(response));
        AssertRequestError(response);
    }

    [Theory]
    [InlineData(63, HttpStatusCode.OK)]
    [InlineData(65, HttpStatusCode.BadRequest)]
    [InlineData(5_000, HttpStatusCode.BadRequest)]
    public async Task Post_with_json_nested_deeper_than_64_levels_is_refused_with_400(int depth, HttpStatusCode expected)
    {
        // The body is one level, "variables" another, and the list the rest.
        var list = new string('[', depth - 2) + new string(']', depth - 2);

        var response = await PostAsync("""{"query":"{ __typename }","variables":{"a":""" + list + "}}", accept: GraphQLResponseJson);

        Assert.Equal(expected, response.Status);
    }

    [Theory]
    [InlineData("\\r")]
    [InlineData("\\r\\n")]
    public async Task A_document_with_cr_line_ends_runs_and_its_syntax_errors_name_the_right_line(string lineEnd)
    {
        var valid = await PostAsync("{\"query\":\"query" + lineEnd + "{" + lineEnd + "  __typename" + lineEnd + "}\"}", accept: GraphQLResponseJson);
        var broken = await PostAsync("{\"query\":\"{" + lineEnd + "  __typename" + lineEnd + "  )" + lineEnd + "}\"}", accept: GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.OK, valid.Status);
        Assert.Equal("Query", (string?)valid.Json["data"]!["__typename"]);
        Assert.Equal(HttpStatusCode.BadRequest, broken.Status);
        Assert.Equal("SYNTAX_ERROR", ErrorCode(broken));
        var location = broken.Json["errors"]![0]!["locations"]![0]!;
        Assert.Equal(3, (int)location["line"]!);
        Assert.Equal(3, (int)location["column"]!);
    }

    [Theory]
    [InlineData("""{"query":"{ __type(name: \"\") { name } }"}""")]
    [InlineData("""{"query":"query($n: String!) { __type(name: $n) { name } }","variables":{"n":""}}""")]
    public async Task Type_introspection_with_an_empty_name_is_refused_as_an_invalid_value(string body)
    {
        var response = await PostAsync(body, accept: GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_VALUE", ErrorCode(response));
        AssertRequestError(response);
    }

    [Fact]
    public async Task A_subscription_is_refused_as_a_validation_error_because_there_are_none()
    {
        var response = await PostAsync("""{"query":"subscription { donors { totalCount } }"}""", accept: GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("OPERATION_NOT_SUPPORTED", ErrorCode(response));
        AssertRequestError(response);
    }

    [Theory]
    [InlineData("query($v: Donor = 1) { __typename }")]
    [InlineData("query($v: [RevokeApiKeyError!] = 1) { __typename }")]
    [InlineData("query($v: Donor) { __typename }")]
    public async Task A_variable_declared_with_an_output_type_is_refused_as_a_validation_error(string query)
    {
        var response = await PostAsync($$"""{"query":"{{query}}"}""", accept: GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("VARIABLES_ARE_INPUT_TYPES", ErrorCode(response));
        AssertRequestError(response);
    }

    [Fact]
    public async Task Missing_accept_header_is_answered_with_application_json()
    {
        var response = await PostAsync(TypenameQuery, accept: null);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(Json, response.MediaType);
    }

    [Theory]
    [InlineData("*/*", Json)]
    [InlineData("application/*", Json)]
    [InlineData("application/json", Json)]
    [InlineData("application/graphql-response+json", GraphQLResponseJson)]
    [InlineData("application/graphql-response+json, application/json;q=0.9", GraphQLResponseJson)]
    [InlineData("application/json, application/graphql-response+json;q=0.5", Json)]
    [InlineData("application/json, application/graphql-response+json", GraphQLResponseJson)]
    [InlineData("*/*, application/graphql-response+json", GraphQLResponseJson)]
    [InlineData("application/json;q=0, */*", GraphQLResponseJson)]
    [InlineData("text/html, application/json;charset=utf-8", Json)]
    public async Task Accept_header_chooses_the_response_media_type(string accept, string expected)
    {
        var response = await PostAsync(TypenameQuery, accept: accept);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(expected, response.MediaType);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml, text/*")]
    [InlineData("application/json;q=0, application/graphql-response+json;q=0")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task Unacceptable_accept_header_is_refused_with_406(string accept)
    {
        var response = await PostAsync(TypenameQuery, accept: accept);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.Status);
        Assert.Equal(Json, response.MediaType);
        AssertRequestError(response);
    }

    [Theory]
    [InlineData(Json)]
    [InlineData(GraphQLResponseJson)]
    public async Task Response_content_type_declares_utf8(string accept)
    {
        var response = await PostAsync(TypenameQuery, accept: accept);

        Assert.Equal("utf-8", response.Charset);
    }

    [Fact]
    public async Task Chinese_text_comes_back_as_utf8_not_unicode_escapes()
    {
        const string Name = "州委办公室党支部";
        var created = await PostAsync(
            JsonSerializer.Serialize(new
            {
                query = $$"""mutation { createDonor(input: { name: "{{Name}}", kind: PARTY_BRANCH }) { donor { id name } errors { __typename } } }""",
            }),
            accept: GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Empty(created.Json["data"]!["createDonor"]!["errors"]!.AsArray());
        Assert.Contains(Name, created.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", created.Text, StringComparison.Ordinal);

        var read = await GetAsync(["query={ donors(last: 1) { nodes { name } } }"]);
        Assert.Contains(Name, read.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", read.Text, StringComparison.Ordinal);
    }

    private static void AssertRequestError(HttpResult response)
    {
        Assert.True(response.Json["errors"] is JsonArray { Count: > 0 }, $"Expected an errors array: {response.Text}");
        Assert.False(response.Json.ContainsKey("data"), $"Expected no data entry: {response.Text}");
    }

    private static string? ErrorCode(HttpResult response) =>
        (string?)response.Json["errors"]?[0]?["extensions"]?["code"];

    private Task<HttpResult> PostAsync(string body, string? contentType = Json, string? accept = Json) =>
        SendAsync(HttpMethod.Post, "/graphql", new StringContent(body, Encoding.UTF8), contentType, accept);

    /// <summary>A GET with each "name=value" parameter URL-encoded.</summary>
    private Task<HttpResult> GetAsync(string[] parameters, string? accept = null)
    {
        var queryString = string.Join('&', parameters
            .Select(parameter => parameter.Split('=', 2))
            .Select(pair => $"{pair[0]}={Uri.EscapeDataString(pair[1])}"));
        return SendAsync(HttpMethod.Get, "/graphql?" + queryString, content: null, contentType: null, accept);
    }

    private Task<HttpResult> SendAsync(HttpMethod method, string uri, string body, string? contentType, string? accept) =>
        SendAsync(method, uri, new StringContent(body, Encoding.UTF8), contentType, accept);

    private async Task<HttpResult> SendAsync(HttpMethod method, string uri, HttpContent? content, string? contentType, string? accept)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GaLaAidApp.AdminKey);
        if (content is not null)
        {
            // StringContent always says text/plain; the test decides what the header says, or leaves it out.
            content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new HttpResult(
            response.StatusCode,
            response.Content.Headers.ContentType,
            response.Content.Headers.Allow.Count == 0 ? null : string.Join(", ", response.Content.Headers.Allow),
            text);
    }

    private sealed record HttpResult(HttpStatusCode Status, MediaTypeHeaderValue? ContentType, string? Allow, string Text)
    {
        public string? MediaType => ContentType?.MediaType;

        public string? Charset => ContentType?.CharSet;

        public JsonObject Json => JsonNode.Parse(Text) as JsonObject
            ?? throw new Xunit.Sdk.XunitException($"The response is not a JSON object: {Text}");
    }
}
