using System.Globalization;
using System.Text;
using GaLaAid.Api.GraphQL;

namespace GaLaAid.Api.Tests.Security;

/// <summary>A GraphQL document with its variables (raw JSON text) and the operation name to send (raw JSON text), if any.</summary>
public sealed record FuzzDocument(string Text, string? Variables, string? OperationName)
{
    /// <summary>Which shape of <see cref="FuzzDocuments.Structural"/> made it, for the report.</summary>
    public int? Shape { get; init; }
}

/// <summary>
/// Random GraphQL documents: grammar-based ones built from the real schema (real fields and
/// arguments, with values of the wrong type, absurd numbers and nasty strings mixed in), token
/// soup, and documents shaped to hit a limit (deep nesting, many aliases, operations or fragments,
/// fragment cycles, directives, huge strings).
/// </summary>
public sealed class FuzzDocuments(FuzzSchema schema)
{
    /// <summary>A field that no type has: a mutation holding it fails validation, so nothing in it can run.</summary>
    public const string Poison = "fuzzNoSuchField";

    private static readonly string[] Keywords =
    [
        "query", "mutation", "subscription", "fragment", "on", "true", "false", "null", "schema", "type", "input", "enum",
        "directive", "extend", "scalar", "interface", "union", "implements", "repeatable", "__typename", "__schema", "__type",
        "@include", "@skip", "@deprecated", "@specifiedBy", "@oneOf",
    ];

    private static readonly string[] Punctuators = ["{", "}", "(", ")", "[", "]", ":", "!", "$", "@", "...", "=", "|", "&", ",", ".", "..", "....", "?", "-", "+", "*"];

    private static readonly string[] Separators = [" ", " ", " ", "\n", "\r\n", "\r", "\t", ",", "\uFEFF", "\u00A0", "\u2028", "\u0000", "\u000B", "  \n  "];

    /// <summary>A document from the schema's grammar: real operations of the given kind, often with mistakes.</summary>
    public FuzzDocument Grammar(Random rng, bool mutation, bool poison)
    {
        var builder = new Builder(schema, rng, rng.Next(4) switch { 0 => 0, 1 => 0.03, 2 => 0.15, _ => 0.4 });
        var operations = rng.Next(12) == 0 ? rng.Next(2, 5) : 1;
        var names = new List<string>();
        var text = new StringBuilder();
        for (var i = 0; i < operations; i++)
        {
            var name = operations > 1 || rng.Next(3) == 0 ? "Op" + i.ToString(CultureInfo.InvariantCulture) : null;
            if (name is not null)
            {
                names.Add(name);
            }

            builder.Variables.Clear();
            var root = mutation ? schema.Mutation : schema.Query;
            var selection = builder.Selection(root, 0, rng.Next(8) == 0 ? rng.Next(6, 24) : rng.Next(1, 5));
            if (poison)
            {
                selection = selection.Insert(selection.Length - 1, " " + Poison + " ");
            }

            var declarations = builder.Variables.Count == 0 ? string.Empty
                : "(" + string.Join(", ", builder.Variables.Select(v => "$" + v.Name + ": " + v.Type + v.Default)) + ")";
            text.Append(mutation ? "mutation" : "query").Append(name is null ? string.Empty : " " + name).Append(declarations)
                .Append(builder.OperationDirectives()).Append(' ').Append(selection).Append('\n');
            builder.AllVariables.AddRange(builder.Variables);
        }

        text.Append(builder.FragmentText());
        var operationName = rng.Next(10) switch
        {
            0 => FuzzText.Json(FuzzText.NastyString(rng)),
            1 => "null",
            2 => FuzzText.Json("Op" + rng.Next(8).ToString(CultureInfo.InvariantCulture)),
            _ when names.Count > 0 => FuzzText.Json(names[rng.Next(names.Count)]),
            _ => null,
        };
        return new FuzzDocument(text.ToString(), builder.VariablesJson(), operationName);
    }

    /// <summary>Tokens from GraphQL's lexicon and the schema's names in random order.</summary>
    public string TokenSoup(Random rng)
    {
        var text = new StringBuilder(rng.Next(3) == 0 ? "{ " : string.Empty);
        var count = rng.Next(1, 80);
        for (var i = 0; i < count; i++)
        {
            text.Append(rng.Next(20) switch
            {
                < 5 => Punctuators[rng.Next(Punctuators.Length)],
                < 8 => Keywords[rng.Next(Keywords.Length)],
                < 12 => schema.Names[rng.Next(schema.Names.Count)],
                12 => FuzzText.AbsurdNumber(rng),
                13 => FuzzText.GraphQL(FuzzText.NastyString(rng)),
                14 => rng.Next(6) switch
                {
                    0 => "\"unterminated",
                    1 => "\"\"\"block " + FuzzText.NastyString(rng) + "\"\"\"",
                    2 => "\"bad \\x escape\"",
                    3 => "\"\\u12\"",
                    4 => "\"\\uD800\\uD800\"",
                    _ => "\"\"\"unterminated block",
                },
                15 => "# " + FuzzText.NastyString(rng) + "\n",
                16 => "$" + schema.Names[rng.Next(schema.Names.Count)],
                17 => FuzzText.RandomChars(rng, rng.Next(1, 4)),
                _ => "a" + rng.Next(100).ToString(CultureInfo.InvariantCulture),
            });
            text.Append(Separators[rng.Next(Separators.Length)]);
        }

        return text.ToString();
    }

    /// <summary>A document shaped to reach or pass one of the service's limits.</summary>
    public FuzzDocument Structural(Random rng)
    {
        var shape = rng.Next(18);
        return Structural(rng, shape) with { Shape = shape };
    }

    private FuzzDocument Structural(Random rng, int shape)
    {
        switch (shape)
        {
            case 0:
            {
                var depth = rng.Next(3) == 0 ? rng.Next(100, 3_000) : rng.Next(10, 100);
                return Plain(string.Concat(Enumerable.Repeat("{ a ", depth)) + new string('}', depth));
            }

            case 1:
            {
                // Real object fields all the way down: only the depth limit stops it.
                var depth = rng.Next(10, 45);
                return Plain("{ recipients(first: 2) { nodes { " + string.Concat(Enumerable.Repeat("parent { id ", depth)) + "name"
                    + new string('}', depth) + " } } }");
            }

            case 2:
            {
                var depth = rng.Next(3) == 0 ? rng.Next(200, 4_000) : rng.Next(5, 200);
                return Plain("{ __type(name: " + new string('[', depth) + "\"Query\"" + new string(']', depth) + ") { name } }");
            }

            case 3:
            {
                var depth = rng.Next(3) == 0 ? rng.Next(200, 3_000) : rng.Next(5, 200);
                return Plain("mutation { createDonor(input: " + string.Concat(Enumerable.Repeat("{ name: ", depth)) + "\"x\""
                    + new string('}', depth) + ") { errors { __typename } } " + Poison + " }");
            }

            case 4:
            {
                // Variables nested past System.Text.Json's depth, or just under it.
                var depth = rng.Next(40, 120);
                var value = string.Concat(Enumerable.Repeat(rng.Next(2) == 0 ? "[" : "{\"a\":", depth));
                var json = new StringBuilder(value).Append('1');
                foreach (var opener in value.Reverse())
                {
                    if (opener == '[')
                    {
                        json.Append(']');
                    }
                    else if (opener == '{')
                    {
                        json.Append('}');
                    }
                }

                return new FuzzDocument("query($n: String) { __type(name: $n) { name } }", "{\"n\":" + json + "}", null);
            }

            case 5:
            {
                var count = rng.Next(30, 90);
                var field = rng.Next(3) switch { 0 => "__typename", 1 => "donors(first: 1) { totalCount }", _ => "me { userName }" };
                return Plain("{" + string.Concat(Enumerable.Range(0, count).Select(i => $" a{i}: {field}")) + " }");
            }

            case 6:
            {
                var count = rng.Next(10, 40);
                var name = rng.Next(3) == 0 ? FuzzText.Json("q" + rng.Next(count + 3).ToString(CultureInfo.InvariantCulture)) : null;
                return new FuzzDocument(string.Concat(Enumerable.Range(0, count).Select(i => $"query q{i} {{ __typename }} ")), null, name);
            }

            case 7:
            {
                // A chain of fragments; when each spreads the next twice, the document doubles with every link.
                var fanOut = rng.Next(3) == 0;
                var count = fanOut ? rng.Next(5, 60) : rng.Next(5, 120);
                var fragments = string.Concat(Enumerable.Range(0, count)
                    .Select(i => $"fragment F{i} on Query {{ ...F{i + 1} {(fanOut ? $"...F{i + 1}" : "__typename")} }} "));
                var last = rng.Next(3) switch
                {
                    0 => $"fragment F{count} on Query {{ ...F0 }}",
                    1 => $"fragment F{count} on Query {{ __typename }}",
                    _ => string.Empty,
                };
                return Plain("{ ...F0 } " + fragments + last);
            }

            case 8:
                return Plain(rng.Next(5) switch
                {
                    0 => "{ ...A } fragment A on Query { ...A }",
                    1 => "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }",
                    2 => "{ ...A } fragment A on Donor { id }",
                    3 => "{ ...Missing }",
                    _ => "{ __typename } fragment A on Query { __typename } fragment A on Query { me { userName } }",
                });
            case 9:
                return Plain(rng.Next(10) switch
                {
                    0 => "{ __typename @include(if: \"yes\") }",
                    1 => "{ __typename @skip(if: $undefined) }",
                    2 => "{ __typename @include(if: true) @include(if: true) }",
                    3 => "{ __typename @fuzz }",
                    4 => "query @deprecated { __typename }",
                    5 => "directive @x on FIELD { __typename }",
                    6 => "type Foo { a: Int } { __typename }",
                    7 => "schema { query: Query } { __typename }",
                    8 => "{ __typename @skip }",
                    _ => "{ __typename @include(if: null) }",
                });
            case 10:
            {
                var length = rng.Next(3) switch
                {
                    0 => rng.Next(19_900, 20_100),
                    1 => rng.Next(20_000, 200_000),
                    _ => rng.Next(1_000, 19_900),
                };
                return Plain("{ __type(name: \"" + new string((char)('a' + rng.Next(26)), length) + "\") { name } }");
            }

            case 11:
            {
                var names = new[] { "A", "B" };
                var selected = rng.Next(6) switch
                {
                    0 => "\"C\"",
                    1 => "\"\"",
                    2 => "\"a\"",
                    3 => "null",
                    4 => FuzzText.Json(FuzzText.NastyString(rng)),
                    _ => "\"A \"",
                };
                return new FuzzDocument(string.Join(' ', names.Select(n => $"query {n} {{ __typename }}")), null, selected);
            }

            case 12:
            {
                var count = rng.Next(30, 200);
                return Plain("query(" + string.Join(", ", Enumerable.Range(0, count).Select(i => $"$v{i % (count - 5)}: Int")) + ") { __typename }");
            }

            case 13:
                return Plain(rng.Next(4) switch
                {
                    0 => "{ donors(first: 1, first: 2) { totalCount } }",
                    1 => "{ donors(first: 1" + string.Concat(Enumerable.Range(0, rng.Next(10, 300)).Select(i => $", x{i}: {i}")) + ") { totalCount } }",
                    2 => "{ donors { totalCount(first: 1) } }",
                    _ => "{ donors(first: 1) { totalCount { a } } }",
                });
            case 14:
                return Plain(rng.Next(3) switch
                {
                    0 => "subscription { __typename }",
                    1 => "subscription S { donors { totalCount } }",
                    _ => "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } }",
                });
            case 15:
                return rng.Next(4) switch
                {
                    0 => Plain("{ __type(name: \"\") { name } }"),
                    1 => new FuzzDocument("query($n: String!) { __type(name: $n) { name } }", "{\"n\":\"\"}", null),
                    2 => Plain("{ __type(name: \"   \") { name } }"),
                    _ => Plain("{ __type(name: " + FuzzText.GraphQL(FuzzText.NastyString(rng)) + ") { name kind } }"),
                };
            case 16:
            {
                var cursor = rng.Next(4) switch
                {
                    0 => Cursor.Encode(long.MaxValue - rng.Next(3)),
                    1 => Cursor.Encode(int.MaxValue + (long)rng.Next(-2, 3)),
                    2 => Convert.ToBase64String(Encoding.UTF8.GetBytes("cursor:" + FuzzText.AbsurdNumber(rng))),
                    _ => FuzzText.NastyString(rng),
                };
                var field = new[] { "donors", "stockEntries", "fundEntries", "recipients", "funds", "handovers", "stockOnHand" }[rng.Next(7)];
                var argument = rng.Next(2) == 0 ? "after" : "before";
                var page = rng.Next(2) == 0 ? "first" : "last";
                return Plain($"{{ {field}({argument}: {FuzzText.GraphQL(cursor)}, {page}: {rng.Next(0, 3)}) {{ totalCount pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }} }} }}");
            }

            default:
            {
                var id = rng.Next(3) switch
                {
                    0 => GlobalId.Encode(schema.Names[rng.Next(schema.Names.Count)], rng.Next(2) == 0 ? long.MaxValue : rng.Next(-5, 50)),
                    1 => Convert.ToBase64String(Encoding.UTF8.GetBytes("Donor:" + FuzzText.AbsurdNumber(rng))),
                    _ => FuzzText.NastyString(rng),
                };
                return Plain($"{{ node(id: {FuzzText.GraphQL(id)}) {{ id __typename }} }}");
            }
        }

        static FuzzDocument Plain(string text) => new(text, null, null);
    }

    private sealed record Variable(string Name, string Type, string Default, string Json);

    /// <summary>Builds one document's selections, values and variables from the schema.</summary>
    private sealed class Builder(FuzzSchema schema, Random rng, double wrongRate)
    {
        private readonly Dictionary<string, string> fragments = new(StringComparer.Ordinal);
        private int aliases;

        public List<Variable> Variables { get; } = [];

        public List<Variable> AllVariables { get; } = [];

        public string Selection(FuzzType type, int depth, int maxDepth)
        {
            var text = new StringBuilder("{");
            if (type.Kind == "UNION")
            {
                text.Append(" __typename");
                foreach (var possible in type.PossibleTypes.Where(_ => rng.Next(3) == 0))
                {
                    text.Append(" ... on ").Append(possible).Append(' ').Append(Selection(schema.Types[possible], depth + 1, maxDepth));
                }

                return text.Append(" }").ToString();
            }

            var count = rng.Next(20) == 0 ? rng.Next(4, 12) : rng.Next(1, 4);
            for (var i = 0; i < count; i++)
            {
                text.Append(' ').Append(FieldSelection(type, depth, maxDepth));
            }

            if (type.Kind == "INTERFACE" && type.PossibleTypes.Count > 0 && rng.Next(3) == 0)
            {
                var possible = type.PossibleTypes[rng.Next(type.PossibleTypes.Count)];
                text.Append(" ... on ").Append(possible).Append(' ').Append(Selection(schema.Types[possible], depth + 1, maxDepth));
            }

            if (rng.Next(25) == 0)
            {
                // A named fragment, sometimes on the wrong type.
                var on = rng.Next(4) == 0 ? schema.Types.Keys.ElementAt(rng.Next(schema.Types.Count)) : type.Name;
                var name = "F" + fragments.Count.ToString(CultureInfo.InvariantCulture);
                fragments[name] = $"fragment {name} on {on} {{ __typename }}";
                text.Append(" ...").Append(name);
            }

            if (rng.Next(60) == 0)
            {
                text.Append(' ').Append(schema.Names[rng.Next(schema.Names.Count)]);
            }

            return text.Append(" }").ToString();
        }

        private string FieldSelection(FuzzType type, int depth, int maxDepth)
        {
            var candidates = depth >= maxDepth
                ? type.Fields.Where(f => !schema.Types[f.Type.NamedType].IsComposite).ToList()
                : type.Fields.ToList();
            if (candidates.Count == 0 || rng.Next(15) == 0)
            {
                return "__typename";
            }

            var field = candidates[rng.Next(candidates.Count)];
            var text = new StringBuilder();
            if (rng.Next(8) == 0 && aliases < 60)
            {
                text.Append('a').Append(aliases++).Append(": ");
            }

            text.Append(field.Name);
            var arguments = field.Arguments.Where(a => a.Type.IsNonNull ? rng.Next(12) != 0 : rng.Next(3) == 0)
                .Select(a => a.Name + ": " + ArgumentValue(a))
                .ToList();
            if (rng.Next(40) == 0)
            {
                arguments.Add("unknownArgument: 1");
            }

            if (arguments.Count > 0)
            {
                text.Append('(').Append(string.Join(", ", arguments)).Append(')');
            }

            if (rng.Next(30) == 0)
            {
                text.Append(rng.Next(3) switch
                {
                    0 => " @include(if: " + (rng.Next(2) == 0 ? "true" : Value(new FuzzTypeRef("SCALAR", "String", null), 0)) + ")",
                    1 => " @skip(if: false)",
                    _ => " @unknownDirective",
                });
            }

            var named = schema.Types[field.Type.NamedType];
            if (named.IsComposite)
            {
                text.Append(' ').Append(Selection(named, depth + 1, maxDepth));
            }
            else if (rng.Next(50) == 0)
            {
                text.Append(" { id }");
            }

            return text.ToString();
        }

        private string ArgumentValue(FuzzInputValue argument)
        {
            if (rng.Next(6) != 0)
            {
                return Value(argument.Type, 0, argument.Name);
            }

            // As a variable, declared with the right type or a wrong one, and given a value that may not fit either.
            var name = "v" + (Variables.Count + AllVariables.Count).ToString(CultureInfo.InvariantCulture);
            var declared = rng.Next(4) == 0 ? WrongType(argument.Type) : argument.Type.ToString();
            var defaultValue = rng.Next(10) == 0 ? " = " + Value(argument.Type, 0, argument.Name) : string.Empty;
            Variables.Add(new Variable(name, declared, defaultValue, JsonValue(argument.Type, 0)));
            return "$" + name;
        }

        private string WrongType(FuzzTypeRef type) => rng.Next(6) switch
        {
            0 => "Int",
            1 => "String!",
            2 => "[" + type + "]",
            3 => type.IsNonNull ? type.OfType!.ToString() : type + "!",
            4 => schema.Types.Keys.ElementAt(rng.Next(schema.Types.Count)),
            _ => "NoSuchType",
        };

        /// <summary>A GraphQL literal for the type; wrong in kind now and then.</summary>
        public string Value(FuzzTypeRef type, int depth, string? argumentName = null)
        {
            if (rng.NextDouble() < wrongRate)
            {
                return WrongLiteral();
            }

            switch (type.Kind)
            {
                case "NON_NULL":
                    return rng.Next(40) == 0 ? "null" : Value(type.OfType!, depth, argumentName);
                case "LIST":
                    if (rng.Next(4) == 0)
                    {
                        return Value(type.OfType!, depth + 1, argumentName);
                    }

                    var count = rng.Next(30) == 0 ? rng.Next(20, 120) : rng.Next(0, 3);
                    return "[" + string.Join(", ", Enumerable.Range(0, count).Select(_ => Value(type.OfType!, depth + 1, argumentName))) + "]";
            }

            var named = schema.Types[type.Name!];
            switch (named.Kind)
            {
                case "ENUM":
                    return rng.Next(6) == 0 ? (rng.Next(2) == 0 ? "NOT_A_VALUE" : FuzzText.GraphQL(named.EnumValues[0])) : named.EnumValues[rng.Next(named.EnumValues.Count)];
                case "INPUT_OBJECT":
                    if (depth > 4)
                    {
                        return "{}";
                    }

                    var fields = named.InputFields.Where(f => f.Type.IsNonNull ? rng.Next(10) != 0 : rng.Next(3) == 0)
                        .Select(f => f.Name + ": " + Value(f.Type, depth + 1, f.Name)).ToList();
                    if (rng.Next(30) == 0)
                    {
                        fields.Add("noSuchInputField: 1");
                    }

                    if (rng.Next(30) == 0 && fields.Count > 0)
                    {
                        fields.Add(fields[0]);
                    }

                    return "{ " + string.Join(", ", fields) + " }";
            }

            return Scalar(named.Name, argumentName);
        }

        private string Scalar(string name, string? argumentName)
        {
            var absurd = rng.Next(5) == 0;
            switch (name)
            {
                case "Int" or "Long" or "Float" or "Decimal":
                    if (absurd)
                    {
                        return FuzzText.AbsurdNumber(rng);
                    }

                    return argumentName is "first" or "last" ? rng.Next(0, 6).ToString(CultureInfo.InvariantCulture) : rng.Next(-2, 1000).ToString(CultureInfo.InvariantCulture);
                case "Boolean":
                    return rng.Next(2) == 0 ? "true" : "false";
                case "ID":
                    return FuzzText.GraphQL(absurd ? FuzzText.NastyString(rng) : RandomId());
                case "DateOnly" or "DateTime":
                    return FuzzText.GraphQL(absurd ? FuzzText.NastyString(rng) : Date(name));
                default:
                    if (argumentName is "after" or "before" && !absurd)
                    {
                        return FuzzText.GraphQL(Cursor.Encode(rng.Next(3) == 0 ? long.MaxValue : rng.Next(-1, 20)));
                    }

                    return FuzzText.GraphQL(absurd || rng.Next(3) == 0 ? FuzzText.NastyString(rng) : "x" + rng.Next(1000).ToString(CultureInfo.InvariantCulture));
            }
        }

        private string RandomId()
        {
            var type = rng.Next(3) == 0 ? schema.Names[rng.Next(schema.Names.Count)] : schema.Types.Keys.ElementAt(rng.Next(schema.Types.Count));
            return GlobalId.Encode(type, rng.Next(8) == 0 ? long.MaxValue - rng.Next(2) : rng.Next(-1, 20));
        }

        private string Date(string scalar)
        {
            var day = new DateOnly(1999, 12, 1).AddDays(rng.Next(0, 12_000));
            return scalar == "DateOnly"
                ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T08:00:00Z";
        }

        private string WrongLiteral() => rng.Next(9) switch
        {
            0 => FuzzText.AbsurdNumber(rng),
            1 => FuzzText.GraphQL(FuzzText.NastyString(rng)),
            2 => "true",
            3 => "null",
            4 => "SOME_ENUM",
            5 => "{ a: 1 }",
            6 => "[1, \"two\", [3]]",
            7 => "$undefinedVariable",
            _ => "{}",
        };

        /// <summary>A JSON value for a variable of the type; often of the wrong kind.</summary>
        private string JsonValue(FuzzTypeRef type, int depth)
        {
            if (rng.NextDouble() < Math.Max(wrongRate, 0.1))
            {
                return rng.Next(8) switch
                {
                    0 => FuzzText.AbsurdNumber(rng),
                    1 => FuzzText.Json(FuzzText.NastyString(rng), rng.Next(2) == 0),
                    2 => "true",
                    3 => "null",
                    4 => "{\"a\":[1,{\"b\":null}]}",
                    5 => "[[[[]]]]",
                    6 => FuzzText.Json(new string('x', rng.Next(10_000, 300_000))),
                    _ => "[" + FuzzText.AbsurdNumber(rng) + "]",
                };
            }

            switch (type.Kind)
            {
                case "NON_NULL":
                    return JsonValue(type.OfType!, depth);
                case "LIST":
                    return "[" + string.Join(",", Enumerable.Range(0, rng.Next(0, 3)).Select(_ => JsonValue(type.OfType!, depth + 1))) + "]";
            }

            var named = schema.Types[type.Name!];
            switch (named.Kind)
            {
                case "ENUM":
                    return FuzzText.Json(named.EnumValues[rng.Next(named.EnumValues.Count)]);
                case "INPUT_OBJECT":
                    return depth > 4 ? "{}" : "{" + string.Join(",", named.InputFields.Where(f => f.Type.IsNonNull || rng.Next(3) == 0)
                        .Select(f => FuzzText.Json(f.Name) + ":" + JsonValue(f.Type, depth + 1))) + "}";
            }

            return named.Name switch
            {
                "Int" or "Long" or "Float" or "Decimal" => rng.Next(3) == 0 ? FuzzText.AbsurdNumber(rng) : rng.Next(0, 10).ToString(CultureInfo.InvariantCulture),
                "Boolean" => "false",
                "ID" => FuzzText.Json(RandomId()),
                "DateOnly" or "DateTime" => FuzzText.Json(Date(named.Name)),
                _ => FuzzText.Json(FuzzText.NastyString(rng), rng.Next(2) == 0),
            };
        }

        public string OperationDirectives() => rng.Next(40) == 0 ? " @include(if: true)" : string.Empty;

        public string FragmentText() => string.Join("\n", fragments.Values);

        public string? VariablesJson()
        {
            if (AllVariables.Count == 0 && rng.Next(4) != 0)
            {
                return rng.Next(5) == 0 ? "{}" : null;
            }

            var members = AllVariables.Where(_ => rng.Next(10) != 0).Select(v => FuzzText.Json(v.Name) + ":" + v.Json).ToList();
            if (rng.Next(8) == 0)
            {
                members.Add("\"unused\":" + FuzzText.AbsurdNumber(rng));
            }

            return "{" + string.Join(",", members) + "}";
        }
    }
}
