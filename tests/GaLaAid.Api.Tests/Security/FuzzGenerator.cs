using System.Globalization;
using System.Text;

namespace GaLaAid.Api.Tests.Security;

/// <summary>
/// Turns (seed, index) into one hostile request, the same one every time: each request has its own
/// random source, so request n can be replayed alone. The admin's key is only put on requests
/// that cannot write (queries, broken bodies, and mutations that fail validation); mutations that
/// could run go out as an auditor, who may not write, or without a valid key.
/// </summary>
public sealed class FuzzGenerator(FuzzSchema schema)
{
    private const string GraphQLResponseJson = "application/graphql-response+json";
    private const string Json = "application/json";
    private const string JsonNoise = "{}[]\",:\\ 0a-";

    private static readonly string[] ReadQueries =
    [
        "{ __typename }",
        "{ me { userName role } }",
        "{ donors(first: 3) { totalCount nodes { id name kind } pageInfo { endCursor } } }",
        "{ fundBalances { nodes { fund { name } balanceFen matchesCachedBalance } } }",
        "{ stockOnHand(first: 5) { nodes { category { name } quantityOnHand } } }",
        "{ recipients(first: 5) { nodes { id name kind parent { name } } } }",
        "query Q($n: String!) { __type(name: $n) { name kind } }",
        "query Entries($first: Int) { stockEntries(first: $first) { totalCount nodes { id kind quantity } } }",
        "{ categories { id name children { id name code } } }",
        "{ handovers(first: 2) { nodes { id receivedBy entries { quantity } } } }",
    ];

    private static readonly (string Name, int Weight)[] Kinds =
    [
        ("graphql.grammar", 19), ("graphql.mutation", 8), ("graphql.soup", 8), ("graphql.structural", 12),
        ("json.broken", 8), ("json.shape", 5), ("json.duplicate", 3), ("json.unicode", 6), ("graphql.line-ends", 3),
        ("http.content-type", 4), ("http.method", 4), ("http.get", 5), ("http.accept", 3), ("http.huge", 2),
        ("auth", 4), ("sign-in", 5), ("http.path", 1),
    ];

    private readonly FuzzDocuments documents = new(schema);

    /// <summary>A random source for request <paramref name="index"/> of the run with <paramref name="seed"/>, independent of every other request.</summary>
    public static Random RandomFor(int seed, int index)
    {
        // SplitMix64 of the pair: HashCode.Combine would differ from process to process.
        var x = unchecked(((ulong)(uint)seed << 32) ^ (uint)index) + 0x9E3779B97F4A7C15UL;
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return new Random((int)(x & int.MaxValue));
    }

    /// <summary>The generator a request's kind names ("json.broken" for "json.broken.3").</summary>
    public static string Family(string kind) =>
        Kinds.First(k => kind == k.Name || kind.StartsWith(k.Name + ".", StringComparison.Ordinal)).Name;

    public FuzzRequest Generate(int seed, int index)
    {
        var rng = RandomFor(seed, index);
        var total = Kinds.Sum(k => k.Weight);
        var pick = rng.Next(total);
        var kind = Kinds.First(k => (pick -= k.Weight) < 0).Name;
        var request = kind switch
        {
            "graphql.grammar" => Grammar(rng),
            "graphql.mutation" => Mutation(rng),
            "graphql.soup" => Soup(rng),
            "graphql.structural" => Structural(rng),
            "json.broken" => BrokenJson(rng),
            "json.shape" => WrongShape(rng),
            "json.duplicate" => Duplicates(rng),
            "json.unicode" => Unicode(rng),
            "graphql.line-ends" => LineEnds(rng),
            "http.content-type" => ContentTypes(rng),
            "http.method" => Methods(rng),
            "http.get" => Gets(rng),
            "http.accept" => Accepts(rng),
            "http.huge" => Huge(rng),
            "auth" => Auth(rng),
            "sign-in" => SignIn(rng),
            _ => Paths(rng),
        };
        return request with { Index = index, Kind = kind + request.Kind };
    }

    private FuzzRequest Grammar(Random rng)
    {
        var document = documents.Grammar(rng, mutation: false, poison: false);
        var request = Post(rng, FuzzText.Body(FuzzText.Json(document.Text, rng.Next(2) == 0), document.OperationName, document.Variables), ReadOnlyIdentity(rng));
        return rng.Next(10) == 0 ? AsGet(request, document) : request;
    }

    /// <summary>Mutations that must be refused before they run: poisoned for the admin, or sent by someone who may not write.</summary>
    private FuzzRequest Mutation(Random rng)
    {
        var identity = rng.Next(10) switch
        {
            < 4 => FuzzIdentity.Auditor,
            < 7 => FuzzIdentity.Admin,
            _ => NonWriterIdentity(rng),
        };
        var document = documents.Grammar(rng, mutation: true, poison: identity == FuzzIdentity.Admin);
        var request = Post(rng, FuzzText.Body(FuzzText.Json(document.Text), document.OperationName, document.Variables), identity);
        return rng.Next(8) == 0 ? AsGet(request, document) with { Kind = ".get" } : request;
    }

    /// <summary>Token soup will not form a runnable mutation, but the admin's key is not bet on it.</summary>
    private FuzzRequest Soup(Random rng)
    {
        var soup = documents.TokenSoup(rng);
        var identity = ReadOnlyIdentity(rng);
        if (identity == FuzzIdentity.Admin && soup.Contains("mutation", StringComparison.Ordinal))
        {
            identity = FuzzIdentity.Auditor;
        }

        return Post(rng, FuzzText.Body(FuzzText.Json(soup, rng.Next(2) == 0)), identity);
    }

    private FuzzRequest Structural(Random rng)
    {
        var document = documents.Structural(rng);
        var request = Post(rng, FuzzText.Body(FuzzText.Json(document.Text), document.OperationName, document.Variables), ReadOnlyIdentity(rng))
            with { Kind = "." + document.Shape?.ToString(CultureInfo.InvariantCulture) };
        return rng.Next(8) == 0 ? AsGet(request, document) : request;
    }

    private static FuzzRequest BrokenJson(Random rng)
    {
        var valid = ValidBody(rng);
        string body;
        var variant = rng.Next(9);
        switch (variant)
        {
            case 0:
                body = valid[..rng.Next(valid.Length)];
                break;
            case 1:
            {
                var chars = valid.ToCharArray();
                for (var i = rng.Next(1, 4); i > 0; i--)
                {
                    chars[rng.Next(chars.Length)] = JsonNoise[rng.Next(JsonNoise.Length)];
                }

                body = new string(chars);
                break;
            }

            case 2:
                body = valid.Insert(rng.Next(valid.Length), OneOf(rng, "{", "}", "[", "]", ",", ":", "\"", "\\"));
                break;
            case 3:
                body = new[]
                {
                    "{\"query\": \"{ __typename }\",}", "{'query': '{ __typename }'}", "{query: \"{ __typename }\"}",
                    "{\"query\": \"{ __typename }\" /* c */}", "{\"query\": \"{ __typename }\"} {}", "{\"query\": NaN}",
                    "{\"query\": \"{ __typename }\", \"variables\": {\"a\": Infinity}}", "{\"query\": \"{ __typename }\", \"variables\": {\"a\": 01}}",
                    "{\"query\": \"{ __typename }\", \"variables\": {\"a\": .5}}", "{\"query\": \"{ __typename }\", \"variables\": {\"a\": 1.}}",
                    "{\"query\": \"{ __typename }\", \"variables\": {\"a\": +1}}", "{\"query\": \"\\x41\"}", "{\"query\": \"\\u12\"}",
                    "{\"query\": \"{ __typename }\"", "\"query\"", "{\"query\" \"{ __typename }\"}", "{,}", "{\"query\":}", "[", "]", "}",
                    "\u0000", "true", "{\"query\": \"{ __typename }\", \"variables\": {\"a\": tru}}", "{\"query\": \"{ __typename }\"}\u0000",
                }[rng.Next(25)];
                break;
            case 4:
                body = FuzzText.RandomChars(rng, rng.Next(1, 200));
                break;
            case 5:
            {
                var depth = rng.Next(50, 5_000);
                body = "{\"query\":\"{ __typename }\",\"variables\":{\"a\":" + new string('[', depth) + (rng.Next(2) == 0 ? new string(']', depth) : string.Empty) + "}}";
                break;
            }

            case 6:
                body = string.Empty;
                break;
            case 7:
                body = "   \n\t  ";
                break;
            default:
                body = valid + new string(' ', rng.Next(1, 100)) + (rng.Next(2) == 0 ? "," : "x");
                break;
        }

        return Post(rng, body, ReadOnlyIdentity(rng)) with { Kind = "." + variant.ToString(CultureInfo.InvariantCulture) };
    }

    private static FuzzRequest WrongShape(Random rng)
    {
        var query = FuzzText.Json(ReadQueries[rng.Next(ReadQueries.Length)]);
        var garbage = new[]
        {
            "0", "-1", "1e309", "true", "null", "\"\"", "\"x\"", "[]", "[1]", "[\"{ __typename }\"]", "{}", "{\"a\":1}",
            "[[[[]]]]", "{\"query\":\"{ __typename }\"}", FuzzText.Json(FuzzText.NastyString(rng)),
        };
        var value = garbage[rng.Next(garbage.Length)];
        var body = rng.Next(6) switch
        {
            0 => FuzzText.Body(value),
            1 => FuzzText.Body(query, variables: value),
            2 => FuzzText.Body(query, extensions: value),
            3 => FuzzText.Body(query, operationName: value),
            4 => value,
            _ => "{\"Query\":" + query + ",\"QUERY\":" + query + ",\"variables \":{}}",
        };
        return Post(rng, body, ReadOnlyIdentity(rng));
    }

    private static FuzzRequest Duplicates(Random rng)
    {
        var read = FuzzText.Json(ReadQueries[rng.Next(ReadQueries.Length)]);
        var body = rng.Next(5) switch
        {
            0 => "{\"query\":" + read + ",\"query\":\"{ me { userName } }\"}",
            1 => "{\"query\":" + read + ",\"variables\":{\"n\":\"Donor\",\"n\":\"Query\"}}",
            2 => "{\"query\":" + read + ",\"variables\":{},\"variables\":{\"first\":1}}",
            3 => "{\"query\":" + read + ",\"operationName\":null,\"operationName\":\"Q\"}",
            _ => "{\"query\":" + read + ",\"extensions\":{\"a\":1,\"a\":2}}",
        };
        return Post(rng, body, ReadOnlyIdentity(rng));
    }

    private static FuzzRequest Unicode(Random rng)
    {
        var read = ReadQueries[rng.Next(ReadQueries.Length)];
        var variant = rng.Next(10);
        byte[] body;
        switch (variant)
        {
            case 0:
            {
                // Invalid UTF-8 somewhere in a valid body.
                var bytes = FuzzText.Utf8(FuzzText.Body(FuzzText.Json(read), variables: "{\"n\":\"尕拉村\"}")).ToList();
                var bad = new[] { new byte[] { 0xFF }, [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE5, 0xB0], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xF4, 0x90, 0x80, 0x80] }[rng.Next(7)];
                bytes.InsertRange(rng.Next(bytes.Count), bad);
                body = [.. bytes];
                break;
            }

            case 1:
                body = FuzzText.Utf8(FuzzText.Body(FuzzText.Json(read.Insert(2, OneOf(rng, "\uD800", "\uDC00", "\uDBFF\uDBFF", "\uDFFF\uD800")))));
                break;
            case 2:
                body = FuzzText.Utf8(FuzzText.Body(FuzzText.Json("query($n: String!) { __type(name: $n) { name } }"),
                    variables: "{\"n\":" + FuzzText.Json(OneOf(rng, "\uD800", "a\uDC00", "\uD83D")) + "}"));
                break;
            case 3:
                body = FuzzText.Utf8(FuzzText.Body(FuzzText.Json(read), variables: "{" + FuzzText.Json("\uD800") + ":1}"));
                break;
            case 4:
                body = [0xEF, 0xBB, 0xBF, .. FuzzText.Utf8(FuzzText.Body(FuzzText.Json(read)))];
                break;
            case 5:
                body = FuzzText.Utf8(FuzzText.Body(FuzzText.Json("\uFEFF" + read + (rng.Next(2) == 0 ? "\uFEFF" : string.Empty))));
                break;
            case 6:
                body = FuzzText.Utf8(FuzzText.Body(FuzzText.Json(read.Insert(rng.Next(read.Length), "\0"))));
                break;
            case 7:
                // A raw control character inside a JSON string: not JSON.
                body = FuzzText.Utf8("{\"query\":\"" + read.Insert(1, ((char)rng.Next(0, 0x20)).ToString()) + "\"}");
                break;
            case 8:
                body = Encoding.Unicode.GetBytes(FuzzText.Body(FuzzText.Json(read)));
                break;
            default:
                body = Encoding.Latin1.GetBytes(FuzzText.Body(FuzzText.Json("{ __type(name: \"Café\") { name } }", escapeNonAscii: false)));
                break;
        }

        return Post(rng, body, ReadOnlyIdentity(rng)) with { Kind = "." + variant.ToString(CultureInfo.InvariantCulture) };
    }

    private static FuzzRequest LineEnds(Random rng)
    {
        var ending = new[] { "\r", "\r\n", "\n\r", "\r\r\n" }[rng.Next(4)];
        var text = (rng.Next(3) switch
        {
            0 => "query Q($n: String!) {\n  __type(name: $n) {\n    name\n  }\n}\n",
            1 => "{\n  me {\n    userName\n  )\n}\n",
            _ => "# comment\n{\n  \"\"\"block\nstring\"\"\" donors { totalCount }\n}\n!",
        }).Replace("\n", ending, StringComparison.Ordinal);
        if (rng.Next(2) == 0)
        {
            text += new string('\r', rng.Next(1, 50)) + "\u0000";
        }

        return Post(rng, FuzzText.Body(FuzzText.Json(text), variables: "{\"n\":\"Donor\"}"), ReadOnlyIdentity(rng));
    }

    private static FuzzRequest ContentTypes(Random rng)
    {
        var contentType = new[]
        {
            null, "", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=x",
            "application/graphql", "application/json; charset=iso-8859-1", "application/json; charset=utf-16", "application/json; charset=\"utf-8\"",
            "APPLICATION/JSON", "application/json;charset=UTF-8", "application/json; charset=", "application/json;;;", "a/b/c",
            "application/json, text/plain", "application/jsonx", "application/*", "*/*", "application/graphql-response+json",
            "application/json; boundary=" + new string('x', 2_000), "application/json; charset=utf-8; charset=latin1", "\u00e9/json",
        }[rng.Next(23)];
        var body = rng.Next(3) == 0 ? ReadQueries[rng.Next(ReadQueries.Length)] : ValidBody(rng);
        return Post(rng, body, ReadOnlyIdentity(rng)) with { ContentType = contentType, TransportLevel = contentType?.Contains('\u00e9', StringComparison.Ordinal) == true };
    }

    private static FuzzRequest Methods(Random rng)
    {
        var method = new[] { "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FUZZ", "get", "post", "PROPFIND", "GET" }[rng.Next(11)];
        var withBody = method != "TRACE" && rng.Next(2) == 0;
        var request = Post(rng, ValidBody(rng), ReadOnlyIdentity(rng));
        return request with
        {
            Method = method,
            Target = method == "GET" && rng.Next(2) == 0 ? "/graphql?query=" + Uri.EscapeDataString("{ __typename }") : request.Target,
            Body = withBody ? request.Body : null,
            ContentType = withBody ? request.ContentType : null,
        };
    }

    private FuzzRequest Gets(Random rng)
    {
        var parameters = rng.Next(12) switch
        {
            0 => "query=" + Uri.EscapeDataString("mutation { createDonor(input: { name: \"GET\", kind: PERSON }) { donor { id } } }"),
            1 => "query=" + Uri.EscapeDataString("query R { __typename } mutation W { createFund(input: { name: \"GET\" }) { fund { id } } }") + "&operationName=W",
            2 => "query=" + Uri.EscapeDataString("query R { __typename } mutation W { createFund(input: { name: \"GET\" }) { fund { id } } }"),
            3 => "query=%7B%20__typename%20%7D&query=%7B%20__typename%20%7D",
            4 => "query=%FF%FE%7B",
            5 => "query=%ED%A0%80",
            6 => "query=%7B%20__typename%20%7D&variables=" + Uri.EscapeDataString(OneOf(rng, "[1]", "{", "\"x\"", "{\"a\":1,\"a\":2}", "{\"a\":\"\\ud800\"}")),
            7 => "query=%7B%20__typename%20%7D&extensions=%ZZ",
            8 => "query=" + Uri.EscapeDataString(documents.TokenSoup(rng)),
            9 => "query=%7B%20__typename%20%7D&operationName=" + Uri.EscapeDataString(FuzzText.NastyString(rng)),
            10 => string.Empty,
            _ => "query=%00",
        };
        return new FuzzRequest
        {
            Index = 0,
            Kind = string.Empty,
            Method = "GET",
            Target = "/graphql?" + parameters,
            Identity = rng.Next(3) == 0 ? FuzzIdentity.SessionWithoutCsrf : FuzzIdentity.Admin,
            Headers = AcceptHeader(rng),
        };
    }

    private static FuzzRequest Accepts(Random rng)
    {
        var accept = new[]
        {
            "text/html", "application/xml, text/*", "*/*;q=0", "application/json;q=abc", "application/json;q=-1", "application/json;q=1.5",
            "application/graphql-response+json;charset=latin1", ";;;", ",,,", "application/json, " + new string('x', 3_000),
            "*/*, */*, */*, */*", "application/json;q=0, application/graphql-response+json;q=0", "*", "application", "application/",
            string.Join(", ", Enumerable.Range(0, 200).Select(i => $"type{i}/sub{i};q=0.{i % 10}")), "image/png; q=1, text/plain",
        }[rng.Next(17)];
        return Post(rng, ValidBody(rng), ReadOnlyIdentity(rng)) with { Headers = [new("Accept", accept)] };
    }

    private static FuzzRequest Huge(Random rng)
    {
        switch (rng.Next(6))
        {
            case 0:
                // Past the 1 MiB body limit: 413, sent before the body is (the client waits for 100-continue).
                return Post(rng, FuzzText.Body(FuzzText.Json("{ __typename }"), variables: "{\"pad\":\"" + new string('x', rng.Next(1_050_000, 1_300_000)) + "\"}"), FuzzIdentity.Admin)
                    with { ExpectContinue = true };
            case 1:
                // Just under it.
                return Post(rng, FuzzText.Body(FuzzText.Json("query($n: String) { __type(name: $n) { name } }"), variables: "{\"n\":\"" + new string('y', rng.Next(900_000, 1_040_000)) + "\"}"), FuzzIdentity.Admin);
            case 2:
                return Post(rng, FuzzText.Body(FuzzText.Json("{ __typename }"), variables: "{" + string.Join(",", Enumerable.Range(0, rng.Next(1_000, 20_000)).Select(i => $"\"v{i}\":{i}")) + "}"), ReadOnlyIdentity(rng));
            case 3:
                return Post(rng, FuzzText.Body(FuzzText.Json("mutation($input: CreateDonorInput!) { createDonor(input: $input) { errors { __typename } } " + FuzzDocuments.Poison + " }"),
                    variables: "{\"input\":{\"name\":\"" + new string('名', rng.Next(100_000, 300_000)) + "\",\"kind\":\"PERSON\"}}"), FuzzIdentity.Admin);
            case 4:
                // A header past Kestrel's limits: refused before the service sees it.
                return Post(rng, ValidBody(rng), ReadOnlyIdentity(rng)) with
                {
                    Headers = [new("X-Padding", new string('h', rng.Next(20_000, 40_000))), new("X-More", new string('m', rng.Next(1_000, 20_000)))],
                    TransportLevel = true,
                };
            default:
                // A request line past Kestrel's 8 KB: 414.
                return new FuzzRequest
                {
                    Index = 0,
                    Kind = ".url",
                    Method = "GET",
                    Target = "/graphql?query=" + Uri.EscapeDataString("{ __type(name: \"" + new string('u', rng.Next(5_000, 20_000)) + "\") { name } }"),
                    Identity = FuzzIdentity.Admin,
                    TransportLevel = true,
                };
        }
    }

    private static FuzzRequest Auth(Random rng)
    {
        var document = rng.Next(3) == 0
            ? "mutation { createDonor(input: { name: \"auth fuzz\", kind: PERSON }) { donor { id } } }"
            : ReadQueries[rng.Next(ReadQueries.Length)];
        var identity = NonWriterIdentity(rng);
        var request = Post(rng, FuzzText.Body(FuzzText.Json(document), variables: "{\"n\":\"Donor\",\"first\":2}"), identity);
        return rng.Next(4) == 0 ? request with { Method = "GET", Target = "/graphql?query=" + Uri.EscapeDataString(document), Body = null, ContentType = null } : request;
    }

    private static FuzzRequest SignIn(Random rng)
    {
        var target = rng.Next(10) switch
        {
            0 => "/auth/session",
            1 => "/auth/sign-out",
            _ => "/auth/sign-in",
        };
        string? contentType = Json;
        byte[] body;
        var variant = rng.Next(12);
        switch (variant)
        {
            case 0:
                body = FuzzText.Utf8("{\"apiKey\":" + JsonGarbage(rng) + "}");
                break;
            case 1:
                body = FuzzText.Utf8("{\"userName\":" + JsonGarbage(rng) + ",\"pin\":" + JsonGarbage(rng) + "}");
                break;
            case 2:
                body = FuzzText.Utf8(rng.Next(3) switch
                {
                    0 => "{\"userName\":\"fuzz.pin\",\"pin\":\"" + rng.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture) + "\"}",
                    1 => "{\"apiKey\":\"gla_forged\",\"apiKey\":\"gla_other\"}",
                    _ => "{\"userName\":\"admin\",\"pin\":\"123456\\n\"}",
                });
                break;
            case 3:
                body = FuzzText.Utf8(ValidBody(rng)[..rng.Next(1, 20)]);
                break;
            case 4:
                contentType = "application/x-www-form-urlencoded";
                body = FuzzText.Utf8(rng.Next(5) switch
                {
                    0 => "apiKey=" + Uri.EscapeDataString(FuzzText.NastyString(rng)),
                    1 => "userName=admin&pin=1&pin=2",
                    2 => "apiKey=%ZZ%ED%A0%80&&&===",
                    3 => string.Join("&", Enumerable.Range(0, rng.Next(100, 5_000)).Select(i => $"f{i}=v")),
                    _ => "userName=" + new string('u', rng.Next(1_000, 100_000)) + "&pin=123456",
                });
                break;
            case 5:
                contentType = "multipart/form-data; boundary=fuzz";
                body = FuzzText.Utf8(rng.Next(6) switch
                {
                    0 => "--fuzz\r\nContent-Disposition: form-data; name=\"apiKey\"\r\n\r\nabc",
                    1 => "--fuzz\r\nContent-Disposition: form-data; name=\"apiKey\"\r\n\r\nabc\r\n--fuzz",
                    2 => "--other\r\nContent-Disposition: form-data; name=\"apiKey\"\r\n\r\nabc\r\n--other--\r\n",
                    3 => "--fuzz\r\nContent-Disposition: form-data\r\n\r\nabc\r\n--fuzz--\r\n",
                    4 => "--fuzz\r\n" + new string('H', rng.Next(100, 20_000)) + "\r\n\r\nabc\r\n--fuzz--\r\n",
                    _ => "--fuzz\r\nContent-Disposition: form-data; name=\"apiKey\"\r\n\r\n" + FuzzText.NastyString(rng) + "\r\n--fuzz--\r\n",
                });
                break;
            case 6:
                contentType = new[] { "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=" + new string('b', 200), "multipart/mixed; boundary=x" }[rng.Next(4)];
                body = FuzzText.Utf8("--x\r\n\r\n");
                break;
            case 7:
                contentType = new[] { null, "text/plain", "application/xml", "application/json; charset=utf-16", "application/x-www-form-urlencoded; charset=latin1" }[rng.Next(5)];
                body = FuzzText.Utf8("{\"apiKey\":\"gla_nope\"}");
                break;
            case 8:
            {
                var depth = rng.Next(30, 3_000);
                body = FuzzText.Utf8("{\"apiKey\":" + new string('[', depth) + new string(']', depth) + "}");
                break;
            }

            case 9:
                body = [0xEF, 0xBB, 0xBF, .. FuzzText.Utf8("{\"apiKey\":\"\\ud800\",\"userName\":\"\u0000\"}"), 0xFF];
                break;
            case 10:
                body = FuzzText.Utf8("{\"apiKey\":\"" + new string('k', rng.Next(100, 900_000)) + "\"}");
                break;
            default:
                body = FuzzText.Utf8(rng.Next(2) == 0 ? "{\"apiKey\":\"gla_forged0123456789abcdefghijklmnopq\"}" : "{}");
                break;
        }

        var forgedSession = rng.Next(5) == 0;
        var headers = new List<KeyValuePair<string, string>>(forgedSession ? ForgedSessionHeaders(rng) : []);
        if (rng.Next(3) == 0)
        {
            headers.Add(new(rng.Next(2) == 0 ? "Origin" : "Sec-Fetch-Site", rng.Next(6) switch
            {
                0 => "cross-site",
                1 => "same-origin",
                2 => "http://evil.example",
                3 => "null",
                4 => "http://localhost",
                _ => FuzzText.NastyString(rng).Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal).Replace("\0", string.Empty, StringComparison.Ordinal),
            }));
        }

        return new FuzzRequest
        {
            Index = 0,
            Kind = "." + variant.ToString(CultureInfo.InvariantCulture),
            Method = rng.Next(12) == 0 ? "GET" : "POST",
            Target = target,
            Body = body,
            ContentType = contentType,
            Identity = forgedSession ? FuzzIdentity.ForgedSession : FuzzIdentity.Anonymous,
            Headers = headers,
            TransportLevel = headers.Any(h => !IsVisibleAscii(h.Value)),
        };
    }

    private static FuzzRequest Paths(Random rng)
    {
        var target = new[]
        {
            "/graphql/", "/GRAPHQL", "/graphql/x", "/graphql//", "/graphql%00", "/graphql;x", "/%2e%2e/graphql", "/healthz", "/",
            "/auth/sign-in", "/auth/session", "/auth", "/nonexistent", "/graphql?%ff=1", "/graphql?query", "/graphql?=&&==",
            "/graphql#fragment", "/graphql?query=%7B%7D%7D%7D", "/auth/sign-in?apiKey=x", "/healthz?x=%00",
        }[rng.Next(20)];
        var method = rng.Next(2) == 0 ? "GET" : "POST";
        return new FuzzRequest
        {
            Index = 0,
            Kind = string.Empty,
            Method = method,
            Target = target,
            Body = method == "POST" ? FuzzText.Utf8(ValidBody(rng)) : null,
            ContentType = method == "POST" ? Json : null,
            Identity = ReadOnlyIdentity(rng),
        };
    }

    private static string OneOf(Random rng, params ReadOnlySpan<string> options) => options[rng.Next(options.Length)];

    private static bool IsVisibleAscii(string headerValue) => headerValue.All(c => c is '\t' or (>= ' ' and <= '~'));

    private static string JsonGarbage(Random rng) => rng.Next(8) switch
    {
        0 => FuzzText.AbsurdNumber(rng),
        1 => "null",
        2 => "[\"gla_x\"]",
        3 => "{\"a\":1}",
        4 => "true",
        5 => FuzzText.Json(new string('z', rng.Next(150, 5_000))),
        _ => FuzzText.Json(FuzzText.NastyString(rng), rng.Next(2) == 0),
    };

    private static string ValidBody(Random rng)
    {
        var query = ReadQueries[rng.Next(ReadQueries.Length)];
        return FuzzText.Body(FuzzText.Json(query), variables: rng.Next(2) == 0 ? "{\"n\":\"Donor\",\"first\":2}" : null);
    }

    /// <summary>Someone for a request that cannot write even if it runs (a query, a broken body): often the admin.</summary>
    private static FuzzIdentity ReadOnlyIdentity(Random rng) => rng.Next(20) switch
    {
        < 12 => FuzzIdentity.Admin,
        12 or 13 => FuzzIdentity.Auditor,
        _ => NonWriterIdentity(rng),
    };

    /// <summary>Someone whose request must be refused before anything runs, or who may not write at all.</summary>
    private static FuzzIdentity NonWriterIdentity(Random rng) => rng.Next(9) switch
    {
        0 => FuzzIdentity.Anonymous,
        1 => FuzzIdentity.Revoked,
        2 => FuzzIdentity.Expired,
        3 => FuzzIdentity.Forged,
        4 => FuzzIdentity.Malformed,
        5 => FuzzIdentity.SessionWithoutCsrf,
        6 => FuzzIdentity.SessionWithForgedCsrf,
        7 => FuzzIdentity.ForgedSession,
        _ => FuzzIdentity.Auditor,
    };

    private static FuzzRequest Post(Random rng, string body, FuzzIdentity identity) => Post(rng, FuzzText.Utf8(body), identity);

    private static FuzzRequest Post(Random rng, byte[] body, FuzzIdentity identity) => new()
    {
        Index = 0,
        Kind = string.Empty,
        Method = "POST",
        Target = "/graphql",
        Body = body,
        ContentType = rng.Next(6) == 0 ? "application/json; charset=utf-8" : Json,
        Identity = identity,
        Headers = [.. AcceptHeader(rng), .. IdentityHeaders(rng, identity)],
    };

    private static FuzzRequest AsGet(FuzzRequest request, FuzzDocument document)
    {
        var target = "/graphql?query=" + Uri.EscapeDataString(ReplaceLoneSurrogates(document.Text));
        if (document.Variables is not null && document.Variables.Length < 2_000)
        {
            target += "&variables=" + Uri.EscapeDataString(ReplaceLoneSurrogates(document.Variables));
        }

        return request with { Method = "GET", Target = target, Body = null, ContentType = null, TransportLevel = target.Length > 8_000 };
    }

    /// <summary>Uri.EscapeDataString refuses lone surrogates; a URL cannot carry them anyway.</summary>
    private static string ReplaceLoneSurrogates(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

    private static KeyValuePair<string, string>[] AcceptHeader(Random rng) => rng.Next(4) switch
    {
        0 => [],
        1 => [new("Accept", Json)],
        _ => [new("Accept", GraphQLResponseJson)],
    };

    private static KeyValuePair<string, string>[] IdentityHeaders(Random rng, FuzzIdentity identity) => identity switch
    {
        FuzzIdentity.Forged => [new("Authorization", "Bearer gla_" + RandomToken(rng, rng.Next(1, 60)))],
        FuzzIdentity.Malformed => [new("Authorization", new[]
        {
            "Bearer", "Bearer ", "Bearer  ", "Basic YWRtaW46YWRtaW4=", "Token gla_x", "Bearer gla_a gla_b", "Bearer " + new string('k', 5_000),
            "Bearer " + GaLaAidApp.AdminKey + "x", "Bearer " + GaLaAidApp.AdminKey[..^1], "Bearer " + GaLaAidApp.AdminKey.ToUpperInvariant(),
            "Bearer Bearer " + GaLaAidApp.AdminKey, "Bearer gla_", "Negotiate abc", "Bearer\tgla_x", "bearer gla_forged", ",",
        }[rng.Next(16)])],
        FuzzIdentity.ForgedSession => ForgedSessionHeaders(rng),
        _ => [],
    };

    private static KeyValuePair<string, string>[] ForgedSessionHeaders(Random rng) =>
        [new("Cookie", $"{GaLaAid.Api.Accounts.AuthenticationSetup.CookieName}={RandomToken(rng, rng.Next(0, 400))}; other=1")];

    private static string RandomToken(Random rng, int length)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return string.Create(length, rng, (span, random) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[random.Next(Alphabet.Length)];
            }
        });
    }
}
