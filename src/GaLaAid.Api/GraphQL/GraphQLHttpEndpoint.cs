using System.Text.Json;
using GaLaAid.Api.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using System.Text.Unicode;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Serilog;
using GraphQLValidationError = GraphQL.Validation.ValidationError;

namespace GaLaAid.Api.GraphQL;

/// <summary>
/// GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/): POST with a JSON body,
/// GET for queries, responses as application/graphql-response+json or application/json as the
/// client's Accept header asks, and the spec's status codes for every kind of failure.
/// Conformance is checked by the graphql-http audit suite (tests/http-audit).
/// </summary>
public static class GraphQLHttpEndpoint
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    public static IEndpointConventionBuilder MapGraphQLEndpoint(this IEndpointRouteBuilder endpoints, string pattern = "/graphql") =>
        endpoints.Map(pattern, HandleAsync);

    private static async Task HandleAsync(HttpContext http)
    {
        var diagnostics = http.RequestServices.GetService<IDiagnosticContext>();
        diagnostics?.Set("OperationName", "(not executed)");
        try
        {
            await HandleGraphQLRequestAsync(http, diagnostics);
        }
        catch (Exception ex) when (http.RequestAborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            // The client went away; there is nobody left to answer.
        }
    }

    private static async Task HandleGraphQLRequestAsync(HttpContext http, IDiagnosticContext? diagnostics)
    {
        var isGet = HttpMethods.IsGet(http.Request.Method);
        if (!isGet && !HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.Headers.Allow = "GET, POST";
            await WriteProblemAsync(http, ResponseMediaType.Negotiate(http.Request) ?? Json, RequestProblem.MethodNotAllowed(
                "GraphQL accepts GET (queries only) and POST requests."));
            return;
        }

        var mediaType = ResponseMediaType.Negotiate(http.Request);
        if (mediaType is null)
        {
            await WriteProblemAsync(http, Json, RequestProblem.NotAcceptable(
                $"The Accept header must allow {GraphQLResponseJson} or {Json} (UTF-8)."));
            return;
        }

        if (await AccessProblemAsync(http, isGet) is { } denied)
        {
            await WriteProblemAsync(http, mediaType, denied);
            return;
        }

        var (request, problem) = isGet ? RequestReader.ReadGet(http.Request) : await RequestReader.ReadPostAsync(http.Request);
        if (problem is not null)
        {
            await WriteProblemAsync(http, mediaType, problem);
            return;
        }

        using var operationNameProperty = Serilog.Context.LogContext.PushProperty("OperationName", request!.OperationName);
        diagnostics?.Set("OperationName", request.OperationName ?? "(anonymous)");

        var limits = http.RequestServices.GetRequiredService<IOptions<RequestLimits>>().Value;
        if (limits.CheckLength(request.Query!) is { } tooLong)
        {
            await WriteProblemAsync(http, mediaType, RequestProblem.BadRequest(tooLong.Code, tooLong.Message));
            return;
        }

        request.Query = WithLineFeeds(request.Query!);
        var documents = http.RequestServices.GetRequiredService<CheckedDocuments>();
        var checkedDocument = documents.Find(request.Query);
        if (checkedDocument is null)
        {
            var (document, parseError) = ParseDocument(http, request.Query);
            if (parseError is not null)
            {
                await WriteResultAsync(http, mediaType, new ExecutionResult(parseError));
                return;
            }

            if (limits.Check(document!) is { } tooMuch)
            {
                await WriteProblemAsync(http, mediaType, RequestProblem.BadRequest(tooMuch.Code, tooMuch.Message));
                return;
            }

            if (OutputTypedVariable(http, document!) is { } notInput)
            {
                await WriteResultAsync(http, mediaType, new ExecutionResult(notInput));
                return;
            }

            checkedDocument = documents.Remember(request.Query, document!);
        }

        if (isGet && SelectsMutation(checkedDocument.Document, request.OperationName))
        {
            http.Response.Headers.Allow = "POST";
            await WriteProblemAsync(http, mediaType, RequestProblem.MethodNotAllowed(
                "Mutations are not allowed over GET; send them with POST."));
            return;
        }

        var keys = RequestKeys.Of(checkedDocument, request.OperationName, http.User, request.Variables);
        var result = await ExecuteAsync(http, request, checkedDocument, keys);
        if (result.Executed)
        {
            checkedDocument.MarkPassed(keys.Caller, keys.Variables);
        }

        await WriteResultAsync(http, mediaType, result);
    }

    /// <summary>
    /// Nobody without an account reads or writes anything; a client that keeps failing to sign in
    /// waits; and a write from a browser session must carry the session's CSRF token (API clients
    /// that send a key in the Authorization header need none: a browser never adds it by itself).
    /// </summary>
    private static async Task<RequestProblem?> AccessProblemAsync(HttpContext http, bool isGet)
    {
        if (EndpointAccess.SignedIn(http) is { } problem)
        {
            return new RequestProblem(problem.Status, problem.Code, problem.Message);
        }

        var fromBrowserSession = !http.Request.Headers.ContainsKey("Authorization");
        if (!isGet && fromBrowserSession && !await HasCsrfTokenAsync(http))
        {
            return new RequestProblem(StatusCodes.Status403Forbidden, "CSRF_TOKEN_INVALID",
                "A write from a browser session must send the session's CSRF token in the X-CSRF-Token header (from /auth/session).");
        }

        return null;
    }

    /// <summary>
    /// Without the token in its header, antiforgery looks for it in a form body, and throws when that
    /// body is a form it cannot read (multipart without a boundary …): no token there either.
    /// </summary>
    private static async Task<bool> HasCsrfTokenAsync(HttpContext http)
    {
        try
        {
            return await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Parses here rather than in the executer so that a GET can be checked for a mutation before
    /// anything runs, and so that a document nested too deeply is the client's error, not ours.
    /// </summary>
    private static (GraphQLDocument? Document, ExecutionError? Error) ParseDocument(HttpContext http, string query)
    {
        var builder = http.RequestServices.GetRequiredService<IDocumentBuilder>();
        try
        {
            return (builder.Build(query), null);
        }
        catch (SyntaxError error)
        {
            return (null, error);
        }
        catch (GraphQLMaxDepthExceededException)
        {
            return (null, new RequestError("The document is nested more deeply than this service accepts.") { Code = "MAX_DEPTH_EXCEEDED" });
        }
    }

    /// <summary>
    /// GraphQL counts CR, LF and CRLF alike as line ends, but GraphQL.NET's parser, when it reports a
    /// syntax error, splits the text at LF only and fails on documents written with CR line ends.
    /// Strings cannot hold a raw line end and block strings normalize theirs, so turning every line
    /// end into LF changes neither the document's meaning nor any error's line and column.
    /// </summary>
    private static string WithLineFeeds(string query) =>
        query.Contains('\r', StringComparison.Ordinal)
            ? query.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            : query;

    /// <summary>
    /// The spec's rule "variables are input types", applied before GraphQL.NET validates: its check of
    /// default values throws, instead of reporting, on a variable declared with an output type and a
    /// default (query($v: Donor = 1)), which would turn the client's mistake into a server error.
    /// </summary>
    private static GraphQLValidationError? OutputTypedVariable(HttpContext http, GraphQLDocument document)
    {
        var schema = http.RequestServices.GetRequiredService<ISchema>();
        var variables = document.Definitions.OfType<GraphQLOperationDefinition>().SelectMany(o => o.Variables?.Items ?? []);
        foreach (var variable in variables)
        {
            var type = variable.Type;
            while (type is not GraphQLNamedType)
            {
                type = type is GraphQLListType list ? list.Type : ((GraphQLNonNullType)type).Type;
            }

            var name = ((GraphQLNamedType)type).Name.StringValue;
            if (schema.AllTypes[name] is { } graphType && !graphType.IsInputType())
            {
                return new GraphQLValidationError(document.Source, "5.8.2",
                    $"Variable '${variable.Variable.Name.StringValue}' is declared with '{name}', which is not an input type.", variable)
                {
                    Code = "VARIABLES_ARE_INPUT_TYPES",
                };
            }
        }

        return null;
    }

    /// <summary>The operation that the executer would pick: the named one, or the only one.</summary>
    private static bool SelectsMutation(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var selected = operationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.Find(o => o.Name?.Value == operationName);
        return selected?.Operation == OperationType.Mutation;
    }

    private static Task<ExecutionResult> ExecuteAsync(HttpContext http, GraphQLRequest request, CheckedDocument document, RequestKeys keys)
    {
        var executer = http.RequestServices.GetRequiredService<IDocumentExecuter<ISchema>>();
        var rules = http.RequestServices.GetRequiredService<RequestRules>().For(document, keys);
        return executer.ExecuteAsync(options =>
        {
            options.Query = request.Query;
            options.Document = document.Document;
            options.ValidationRules = rules;
            options.OperationName = request.OperationName;
            options.Variables = request.Variables;
            options.Extensions = request.Extensions;
            options.RequestServices = http.RequestServices;
            options.User = http.User;
            options.CancellationToken = http.RequestAborted;
        });
    }

    /// <summary>
    /// A result with data is a 200, field errors or not. A request that never reached execution
    /// (parse, validation or variable errors) is a 400 with application/graphql-response+json, and a
    /// 200 with application/json, whose clients may not read a body on other statuses.
    /// </summary>
    private static int StatusCodeFor(ExecutionResult result, string mediaType)
    {
        if (result.Executed)
        {
            return StatusCodes.Status200OK;
        }

        if (result.Errors?.Any(error => error is not (DocumentError or RequestError)) == true)
        {
            return StatusCodes.Status500InternalServerError;
        }

        return mediaType == GraphQLResponseJson ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
    }

    private static Task WriteProblemAsync(HttpContext http, string mediaType, RequestProblem problem)
    {
        var result = new ExecutionResult(new RequestError(problem.Message) { Code = problem.Code });
        return WriteAsync(http, mediaType, problem.StatusCode, result);
    }

    private static Task WriteResultAsync(HttpContext http, string mediaType, ExecutionResult result) =>
        WriteAsync(http, mediaType, StatusCodeFor(result, mediaType), result);

    private static async Task WriteAsync(HttpContext http, string mediaType, int statusCode, ExecutionResult result)
    {
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        var serializer = http.RequestServices.GetRequiredService<IGraphQLSerializer>();
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    /// <summary>Why a request was refused before GraphQL saw it.</summary>
    private sealed record RequestProblem(int StatusCode, string Code, string Message)
    {
        public static RequestProblem BadRequest(string message) => new(StatusCodes.Status400BadRequest, "INVALID_REQUEST", message);

        public static RequestProblem BadRequest(string code, string message) => new(StatusCodes.Status400BadRequest, code, message);

        public static RequestProblem MethodNotAllowed(string message) => new(StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED", message);

        public static RequestProblem NotAcceptable(string message) => new(StatusCodes.Status406NotAcceptable, "NOT_ACCEPTABLE", message);

        public static RequestProblem UnsupportedMediaType(string message) => new(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", message);
    }

    /// <summary>Chooses the response media type from the request's Accept header.</summary>
    private static class ResponseMediaType
    {
        /// <summary>
        /// The acceptable type with the higher quality; null when neither is acceptable. On a tie, a
        /// client that names application/graphql-response+json gets it, and one that only accepts
        /// wildcards gets application/json, as does one that sends no (or an unreadable) Accept header.
        /// </summary>
        public static string? Negotiate(HttpRequest request)
        {
            if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var ranges) || ranges.Count == 0)
            {
                return Json;
            }

            var graphQLResponse = Preference(ranges, GraphQLResponseJson);
            var json = Preference(ranges, Json);
            if (graphQLResponse.Quality <= 0 && json.Quality <= 0)
            {
                return null;
            }

            if (graphQLResponse.Quality != json.Quality)
            {
                return graphQLResponse.Quality > json.Quality ? GraphQLResponseJson : Json;
            }

            return graphQLResponse.Named ? GraphQLResponseJson : Json;
        }

        /// <summary>As RFC 9110 (12.5.1) says, the most specific range that matches decides the quality.</summary>
        private static (double Quality, bool Named) Preference(IList<MediaTypeHeaderValue> ranges, string mediaType)
        {
            var match = ranges.Where(range => Covers(range, mediaType)).MaxBy(Specificity);
            return match is null ? (0, false) : (match.Quality ?? 1, Specificity(match) == 2);
        }

        private static bool Covers(MediaTypeHeaderValue range, string mediaType)
        {
            if (range.Charset.HasValue && !range.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            return range.MatchesAllTypes
                || (range.MatchesAllSubTypes && range.Type.Equals("application", StringComparison.OrdinalIgnoreCase))
                || range.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase);
        }

        private static int Specificity(MediaTypeHeaderValue range) =>
            range.MatchesAllTypes ? 0 : range.MatchesAllSubTypes ? 1 : 2;
    }

    /// <summary>
    /// Reads the GraphQL request parameters (query, operationName, variables, extensions) from a GET's
    /// query string or a POST's JSON body, refusing anything the spec does not allow.
    /// </summary>
    private static class RequestReader
    {
        private const string JsonRules = "it must be one JSON object, nested at most 64 levels deep, that names each member once.";

        private const string UnpairedSurrogate =
            "The request holds a JSON string with an unpaired surrogate escape (such as \\ud800); strings must be valid Unicode.";

        /// <summary>
        /// A member named twice would leave it to the parser which one counts (a proxy or a log may
        /// see the other), so it is refused; the depth is System.Text.Json's default, stated here.
        /// </summary>
        private static readonly JsonDocumentOptions JsonOptions = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

        public static (GraphQLRequest? Request, RequestProblem? Problem) ReadGet(HttpRequest request)
        {
            var parameters = request.Query;
            if (!TrySingle(parameters["query"], out var query) || string.IsNullOrWhiteSpace(query))
            {
                return Refuse("The 'query' parameter is required, once, and must be a GraphQL document.");
            }

            if (!TrySingle(parameters["operationName"], out var operationName))
            {
                return Refuse("The 'operationName' parameter may be given only once.");
            }

            if (!TryReadJsonMapParameter(request, parameters["variables"], out var variables))
            {
                return Refuse("The 'variables' parameter must be a JSON object, given at most once.");
            }

            if (!TryReadJsonMapParameter(request, parameters["extensions"], out var extensions))
            {
                return Refuse("The 'extensions' parameter must be a JSON object, given at most once.");
            }

            return (new GraphQLRequest
            {
                Query = query,
                OperationName = NullIfEmpty(operationName),
                Variables = variables,
                Extensions = extensions,
            }, null);
        }

        public static async Task<(GraphQLRequest? Request, RequestProblem? Problem)> ReadPostAsync(HttpRequest request)
        {
            if (!IsJsonContentType(request.ContentType))
            {
                return (null, RequestProblem.UnsupportedMediaType(
                    $"Send the request body as {Json} (UTF-8) and say so in the Content-Type header."));
            }

            var (body, problem) = await ReadBodyAsync(request);
            if (problem is not null)
            {
                return (null, problem);
            }

            if (!Utf8.IsValid(body.Span))
            {
                return Refuse("The request body is not valid UTF-8.");
            }

            JsonDocument json;
            try
            {
                json = JsonDocument.Parse(body, JsonOptions);
            }
            catch (JsonException)
            {
                return Refuse($"The request body is not valid JSON: {JsonRules}");
            }
            catch (InvalidOperationException)
            {
                // Looking for duplicates reads every member name, and one holding a lone surrogate throws.
                return Refuse(UnpairedSurrogate);
            }

            using (json)
            {
                return HasUnpairedSurrogate(json.RootElement) ? Refuse(UnpairedSurrogate) : ReadBody(request, json.RootElement);
            }
        }

        private static bool IsJsonContentType(string? contentType) =>
            MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            && parsed.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)
            && (!parsed.Charset.HasValue || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

        /// <summary>The whole body, or the status Kestrel chose when it could not be read (e.g. 413 when too large).</summary>
        private static async Task<(ReadOnlyMemory<byte> Body, RequestProblem? Problem)> ReadBodyAsync(HttpRequest request)
        {
            using var buffer = new MemoryStream();
            try
            {
                await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            }
            catch (BadHttpRequestException ex)
            {
                return (default, new RequestProblem(ex.StatusCode, "INVALID_REQUEST", $"The request body could not be read: {ex.Message}"));
            }

            return (buffer.GetBuffer().AsMemory(0, (int)buffer.Length), null);
        }

        private static (GraphQLRequest? Request, RequestProblem? Problem) ReadBody(HttpRequest request, JsonElement body)
        {
            if (body.ValueKind != JsonValueKind.Object)
            {
                return Refuse("The request body must be a JSON object with a 'query' string.");
            }

            var query = body.TryGetProperty("query", out var queryElement) && queryElement.ValueKind == JsonValueKind.String
                ? queryElement.GetString()
                : null;
            if (string.IsNullOrWhiteSpace(query))
            {
                return Refuse("The request body must have a 'query' string holding a GraphQL document.");
            }

            var operationName = body.TryGetProperty("operationName", out var nameElement) ? nameElement : default;
            if (operationName.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.String))
            {
                return Refuse("'operationName' must be a string or null.");
            }

            if (!TryReadMapProperty(request, body, "variables", out var variables))
            {
                return Refuse("'variables' must be a JSON object or null.");
            }

            if (!TryReadMapProperty(request, body, "extensions", out var extensions))
            {
                return Refuse("'extensions' must be a JSON object or null.");
            }

            return (new GraphQLRequest
            {
                Query = query,
                OperationName = operationName.ValueKind == JsonValueKind.String ? NullIfEmpty(operationName.GetString()) : null,
                Variables = variables,
                Extensions = extensions,
            }, null);
        }

        private static bool TryReadMapProperty(HttpRequest request, JsonElement body, string name, out Inputs? map)
        {
            map = null;
            return !body.TryGetProperty(name, out var value) || TryReadMap(request, value, out map);
        }

        private static bool TryReadJsonMapParameter(HttpRequest request, StringValues parameter, out Inputs? map)
        {
            map = null;
            if (!TrySingle(parameter, out var text))
            {
                return false;
            }

            if (string.IsNullOrEmpty(text))
            {
                return true;
            }

            try
            {
                using var json = JsonDocument.Parse(text, JsonOptions);
                return !HasUnpairedSurrogate(json.RootElement) && TryReadMap(request, json.RootElement, out map);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                // InvalidOperationException: a member name holding a lone surrogate, met while looking for duplicates.
                return false;
            }
        }

        /// <summary>A JSON object becomes GraphQL inputs; null means none; anything else is refused.</summary>
        private static bool TryReadMap(HttpRequest request, JsonElement value, out Inputs? map)
        {
            map = null;
            if (value.ValueKind == JsonValueKind.Null)
            {
                return true;
            }

            if (value.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var serializer = request.HttpContext.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
            map = serializer.ReadNode<Inputs>(value);
            return true;
        }

        /// <summary>
        /// JSON may escape half of a surrogate pair (\ud800) although no Unicode text holds one;
        /// System.Text.Json parses it but throws when the string is read, so every string and member
        /// name is read once here. JsonOptions bounds the depth of this walk.
        /// </summary>
        private static bool HasUnpairedSurrogate(JsonElement element)
        {
            try
            {
                ReadEveryString(element);
                return false;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }

        private static void ReadEveryString(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        ReadEveryString(item);
                    }

                    break;
                case JsonValueKind.Object:
                    foreach (var member in element.EnumerateObject())
                    {
                        _ = member.Name;
                        ReadEveryString(member.Value);
                    }

                    break;
            }
        }

        /// <summary>False when a parameter is repeated; an absent one reads as null.</summary>
        private static bool TrySingle(StringValues values, out string? value)
        {
            value = values.Count == 1 ? values[0] : null;
            return values.Count <= 1;
        }

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

        private static (GraphQLRequest? Request, RequestProblem? Problem) Refuse(string message) =>
            (null, RequestProblem.BadRequest(message));
    }
}
