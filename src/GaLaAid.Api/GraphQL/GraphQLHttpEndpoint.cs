using System.Net.Mime;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Net.Http.Headers;
using Serilog;

namespace GaLaAid.Api.GraphQL;

/// <summary>
/// GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/): POST with a JSON body,
/// GET for queries, responses as application/graphql-response+json or application/json as the
/// client's Accept header asks, and the spec's status codes for every kind of failure.
/// </summary>
public static class GraphQLHttpEndpoint
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    public static IEndpointConventionBuilder MapGraphQLEndpoint(this IEndpointRouteBuilder endpoints, string pattern = "/graphql") =>
        endpoints.Map(pattern, HandleAsync);

    private static async Task HandleAsync(HttpContext http)
    {
        var isGet = HttpMethods.IsGet(http.Request.Method);
        if (!isGet && !HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.Headers.Allow = "GET, POST";
            await WriteRequestErrorAsync(http, StatusCodes.Status405MethodNotAllowed, Json, "GraphQL accepts only GET (queries) and POST requests.");
            return;
        }

        var mediaType = NegotiateMediaType(http.Request);
        if (mediaType is null)
        {
            await WriteRequestErrorAsync(http, StatusCodes.Status406NotAcceptable, Json,
                $"The Accept header must allow {GraphQLResponseJson} or {Json}.");
            return;
        }

        var (request, problem, problemStatus) = isGet ? ReadGet(http.Request) : await ReadPostAsync(http.Request);
        if (request is null)
        {
            await WriteRequestErrorAsync(http, problemStatus, mediaType, problem!);
            return;
        }

        Serilog.Context.LogContext.PushProperty("OperationName", request.OperationName);
        http.RequestServices.GetService<IDiagnosticContext>()?.Set("OperationName", request.OperationName ?? "(anonymous)");

        GraphQLDocument? document = null;
        if (isGet)
        {
            try
            {
                document = Parser.Parse(request.Query);
            }
            catch (GraphQLSyntaxErrorException)
            {
                // The executor reports the syntax error in the response's errors.
            }

            if (document is not null && SelectsMutation(document, request.OperationName))
            {
                http.Response.Headers.Allow = "POST";
                await WriteRequestErrorAsync(http, StatusCodes.Status405MethodNotAllowed, mediaType,
                    "Mutations are not allowed over GET; send them with POST.");
                return;
            }
        }

        var executer = http.RequestServices.GetRequiredService<IDocumentExecuter<ISchema>>();
        var result = await executer.ExecuteAsync(options =>
        {
            options.Query = request.Query;
            options.Document = document;
            options.OperationName = request.OperationName;
            options.Variables = request.Variables;
            options.Extensions = request.Extensions;
            options.RequestServices = http.RequestServices;
            options.User = http.User;
            options.CancellationToken = http.RequestAborted;
        });

        // With application/graphql-response+json, a request that never reached execution (parse,
        // validation or variable errors) is a 400; with application/json every result is a 200.
        http.Response.StatusCode = !result.Executed && mediaType == GraphQLResponseJson
            ? StatusCodes.Status400BadRequest
            : StatusCodes.Status200OK;
        await WriteResultAsync(http, mediaType, result);
    }

    private static string? NegotiateMediaType(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept is null || accept.Count == 0)
        {
            return Json;
        }

        string? best = null;
        double bestQuality = 0;
        foreach (var candidate in accept.OrderByDescending(a => a.Quality ?? 1))
        {
            var quality = candidate.Quality ?? 1;
            if (quality <= 0)
            {
                continue;
            }

            var charset = candidate.Charset.Value;
            if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var type = candidate.MediaType.Value?.ToLowerInvariant();
            string? match = type switch
            {
                GraphQLResponseJson => GraphQLResponseJson,
                Json => Json,
                "application/*" or "*/*" => GraphQLResponseJson,
                _ => null,
            };
            if (match is not null && quality > bestQuality)
            {
                best = match;
                bestQuality = quality;
            }
        }

        return best;
    }

    private static (GraphQLRequest? Request, string? Problem, int Status) ReadGet(HttpRequest request)
    {
        var query = request.Query["query"];
        if (query.Count != 1 || string.IsNullOrEmpty(query[0]))
        {
            return (null, "The 'query' parameter is required and must be a GraphQL document.", StatusCodes.Status400BadRequest);
        }

        var serializer = request.HttpContext.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        var graphQLRequest = new GraphQLRequest { Query = query[0], OperationName = NullIfEmpty(request.Query["operationName"]) };
        try
        {
            if (NullIfEmpty(request.Query["variables"]) is { } variables)
            {
                graphQLRequest.Variables = serializer.Deserialize<Inputs>(variables);
            }

            if (NullIfEmpty(request.Query["extensions"]) is { } extensions)
            {
                graphQLRequest.Extensions = serializer.Deserialize<Inputs>(extensions);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
        {
            return (null, "'variables' and 'extensions' must be JSON objects.", StatusCodes.Status400BadRequest);
        }

        return (graphQLRequest, null, 0);
    }

    private static async Task<(GraphQLRequest? Request, string? Problem, int Status)> ReadPostAsync(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            return (null, $"Send the request body as {Json} and say so in the Content-Type header.", StatusCodes.Status415UnsupportedMediaType);
        }

        var charset = contentType.Charset.Value;
        if (!string.Equals(contentType.MediaType.Value, Json, StringComparison.OrdinalIgnoreCase)
            || (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, $"Content-Type must be {Json} (UTF-8); it was '{request.ContentType}'.", StatusCodes.Status415UnsupportedMediaType);
        }

        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return (null, "The request body is not valid JSON.", StatusCodes.Status400BadRequest);
        }

        using (body)
        {
            var root = body.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "The request body must be a JSON object with a 'query' string.", StatusCodes.Status400BadRequest);
            }

            if (!root.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(query.GetString()))
            {
                return (null, "The request body must have a 'query' string holding a GraphQL document.", StatusCodes.Status400BadRequest);
            }

            if (root.TryGetProperty("operationName", out var operationName) && operationName.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return (null, "'operationName' must be a string or null.", StatusCodes.Status400BadRequest);
            }

            foreach (var name in new[] { "variables", "extensions" })
            {
                if (root.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                {
                    return (null, $"'{name}' must be a JSON object or null.", StatusCodes.Status400BadRequest);
                }
            }

            var serializer = request.HttpContext.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
            var graphQLRequest = new GraphQLRequest
            {
                Query = query.GetString(),
                OperationName = operationName.ValueKind == JsonValueKind.String ? operationName.GetString() : null,
            };
            if (root.TryGetProperty("variables", out var variables) && variables.ValueKind == JsonValueKind.Object)
            {
                graphQLRequest.Variables = serializer.Deserialize<Inputs>(variables.GetRawText());
            }

            if (root.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object)
            {
                graphQLRequest.Extensions = serializer.Deserialize<Inputs>(extensions.GetRawText());
            }

            return (graphQLRequest, null, 0);
        }
    }

    private static bool SelectsMutation(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var selected = operationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.Value == operationName);
        return selected?.Operation == OperationType.Mutation;
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) =>
        value.Count == 1 && !string.IsNullOrEmpty(value[0]) ? value[0] : null;

    private static Task WriteRequestErrorAsync(HttpContext http, int status, string mediaType, string message)
    {
        http.Response.StatusCode = status;
        var result = new ExecutionResult { Executed = false };
        result.AddError(new ExecutionError(message) { Code = "BAD_REQUEST" });
        return WriteResultAsync(http, mediaType, result);
    }

    private static async Task WriteResultAsync(HttpContext http, string mediaType, ExecutionResult result)
    {
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        var serializer = http.RequestServices.GetRequiredService<IGraphQLSerializer>();
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
