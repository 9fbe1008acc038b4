using System.Buffers.Text;
using System.Linq.Expressions;
using System.Reflection;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaLaAid.Api.Data;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.GraphQL;

public enum SortDirection
{
    [System.ComponentModel.Description("Ascending: smallest, earliest or alphabetically first at the start.")]
    Asc,

    [System.ComponentModel.Description("Descending: largest, latest or alphabetically last at the start.")]
    Desc,
}

public sealed class SortEnumType : EnumerationGraphType<SortDirection>
{
    public SortEnumType()
    {
        Name = "SortEnumType";
        Description = "The direction to sort a field in.";
    }
}

/// <summary><c>&lt;Type&gt;SortInput</c>: one direction per sortable field, or a related type's sort input.</summary>
public sealed class SortInputGraphType<TSpec> : InputObjectGraphType
    where TSpec : IQuerySpec, new()
{
    public SortInputGraphType()
    {
        var spec = QuerySpecs.Of<TSpec>();
        Name = $"{spec.TypeName}SortInput";
        Description = $"One sort key for a list of {spec.TypeName}: give exactly one field per entry of 'order' (for a related object, exactly one of its fields). Ties are broken by the row's id.";
        foreach (var (name, description, inputType) in spec.SortInputFields)
        {
            Field(name, inputType ?? typeof(SortEnumType)).Description(description);
        }
    }
}

/// <summary>One key of an <c>order</c>: the field and its direction.</summary>
public sealed record SortKey<T>(SortField<T> Field, bool Descending);

/// <summary>One ORDER BY expression of a key, with the key's direction.</summary>
public sealed record SortColumn(LambdaExpression Column, bool Descending);

/// <summary>A row with the values of its ORDER BY expressions and whether it lies past the page's cursors, all read by the database.</summary>
public sealed class SortedRow<T>
{
    public required T Row { get; init; }
    public required object[] Keys { get; init; }
    public required bool AfterCursor { get; init; }
    public required bool BeforeCursor { get; init; }
}

public static class Sorting
{
    /// <summary>Values whose order SQL and a keyset comparison agree on, on every provider.</summary>
    public static readonly IReadOnlySet<Type> SortableTypes = new HashSet<Type> { typeof(string), typeof(int), typeof(long), typeof(DateTime), typeof(DateOnly) };

    public static List<SortKey<T>> Read<T>(QuerySpec<T> spec, IResolveFieldContext context)
        where T : class
    {
        var keys = new List<SortKey<T>>();
        if (context.GetArgument<object?>("order") is not { } order)
        {
            return keys;
        }

        var index = 0;
        foreach (var entry in Filtering.InputObjects(order, "order"))
        {
            var (field, descending) = Field(spec, entry, context.User, $"order[{index}]");
            keys.Add(new SortKey<T>(field, descending));
            index++;
        }

        if (keys.Count > 10)
        {
            throw Filtering.Invalid($"'order' has {keys.Count} keys; at most 10 are allowed.");
        }

        return keys;
    }

    /// <summary>The one field an entry of <c>order</c> names (following related objects down to a column) and its direction.</summary>
    public static (SortField<T> Field, bool Descending) Field<T>(QuerySpec<T> spec, IDictionary<string, object?> entry, ClaimsPrincipal? user, string path)
        where T : class
    {
        // Input objects come parsed in the type's field order, not as written, so one entry holds one key.
        if (entry.Count != 1)
        {
            throw Filtering.Invalid($"'{path}' gives {entry.Count} fields; give exactly one field per entry of 'order'.");
        }

        var (name, value) = entry.Single();
        var field = spec.Sorts.Single(s => s.Name == name);
        Filtering.CheckRoles(field.Roles, user, $"{path}.{name}");
        if (field.Related is { } related)
        {
            // Each level is another subquery per row; a recipient's parent's parent is as far as anyone needs.
            if (path.Count(c => c == '.') >= Filtering.MaxNesting)
            {
                throw Filtering.Invalid($"'{path}.{name}' follows related objects more than {Filtering.MaxNesting} levels deep.");
            }

            return related(Filtering.InputObject(value, $"{path}.{name}"), user, $"{path}.{name}");
        }

        return value switch
        {
            SortDirection direction => (field, direction == SortDirection.Desc),
            _ => throw Filtering.Invalid($"'{path}.{name}' is null; give ASC or DESC."),
        };
    }

    /// <summary>The ORDER BY expressions of the keys, in order, for this request's context.</summary>
    public static IReadOnlyList<SortColumn> Columns<T>(IReadOnlyList<SortKey<T>> keys, AppDbContext db) =>
        keys.SelectMany(k => k.Field.Columns!(db).Select(c => new SortColumn(c, k.Descending))).ToList();

    public static IOrderedQueryable<T> Apply<T, TKey>(IQueryable<T> source, IReadOnlyList<SortColumn> columns, Expression<Func<T, TKey>> id, bool reverse)
    {
        var ordered = source;
        var first = true;
        foreach (var (column, descending) in columns.Select(c => (c.Column, c.Descending)).Append((id, false)))
        {
            var method = (first, descending != reverse) switch
            {
                (true, false) => nameof(Queryable.OrderBy),
                (true, true) => nameof(Queryable.OrderByDescending),
                (false, false) => nameof(Queryable.ThenBy),
                _ => nameof(Queryable.ThenByDescending),
            };
            ordered = ordered.Provider.CreateQuery<T>(Expression.Call(
                typeof(Queryable), method, [typeof(T), column.ReturnType], ordered.Expression, Expression.Quote(column)));
            first = false;
        }

        return (IOrderedQueryable<T>)ordered;
    }

    /// <summary>
    /// Selects each row with its sort values and its place relative to the cursors, so the cursor
    /// comparison is the database's own and agrees with its ORDER BY.
    /// </summary>
    public static Expression<Func<T, SortedRow<T>>> Projection<T, TKey>(
        IReadOnlyList<SortColumn> columns, Expression<Func<T, TKey>> id, (object[] Values, long Id)? after, (object[] Values, long Id)? before)
        where TKey : struct
    {
        var row = id.Parameters[0];
        var values = Expression.NewArrayInit(
            typeof(object),
            columns.Select(c => Expression.Convert(ParameterSwap.Replace(c.Column.Body, c.Column.Parameters[0], row), typeof(object))));
        Expression Past((object[] Values, long Id)? cursor, bool forward) => cursor is { } c
            ? ParameterSwap.Replace(OrderedPaging.Beyond(columns, id, c, forward).Body, id.Parameters[0], row)
            : Expression.Constant(true);
        var sorted = Expression.MemberInit(
            Expression.New(typeof(SortedRow<T>)),
            Expression.Bind(typeof(SortedRow<T>).GetProperty(nameof(SortedRow<T>.Row))!, row),
            Expression.Bind(typeof(SortedRow<T>).GetProperty(nameof(SortedRow<T>.Keys))!, values),
            Expression.Bind(typeof(SortedRow<T>).GetProperty(nameof(SortedRow<T>.AfterCursor))!, Past(after, forward: true)),
            Expression.Bind(typeof(SortedRow<T>).GetProperty(nameof(SortedRow<T>.BeforeCursor))!, Past(before, forward: false)));
        return Expression.Lambda<Func<T, SortedRow<T>>>(sorted, row);
    }
}

/// <summary>
/// The ORDER BY expressions of one sortable column. None of them is ever NULL, because SQLite puts
/// NULLs first and PostgreSQL last: a nullable column sorts by "has no value" (0, then 1) and then by
/// its value with NULL replaced, so rows without a value come last ascending and first descending on
/// both. Flags sort as 0/1 (false first) and enums in declaration order (the order the schema lists them).
/// </summary>
public static class SortColumns
{
    public static IReadOnlyList<LambdaExpression> Of(LambdaExpression column, string field)
    {
        var row = column.Parameters[0];
        var body = column.Body;
        var underlying = Nullable.GetUnderlyingType(body.Type);
        var type = underlying ?? body.Type;
        var nullable = underlying is not null || (body.Type == typeof(string) && MayBeNull(body));
        Expression value = (underlying, nullable) switch
        {
            (not null, _) => Expression.Coalesce(body, Expression.Default(type)),
            (null, true) => Expression.Coalesce(body, Expression.Constant(string.Empty)),
            _ => body,
        };
        value = type switch
        {
            _ when type == typeof(bool) => Expression.Condition(value, Expression.Constant(1), Expression.Constant(0)),
            _ when type.IsEnum => Ordinal(value, type),
            _ when Sorting.SortableTypes.Contains(type) => value,
            _ => throw new InvalidOperationException($"{field}: no sort for {type.Name}; only text, numbers, dates, flags and enums sort."),
        };
        var columns = new List<LambdaExpression>();
        if (nullable)
        {
            var isNull = Expression.Condition(Expression.Equal(body, Expression.Constant(null, body.Type)), Expression.Constant(1), Expression.Constant(0));
            columns.Add(Expression.Lambda(isNull, row));
        }

        columns.Add(Expression.Lambda(value, row));
        return columns;
    }

    /// <summary>
    /// A related row's ORDER BY expression read from this row: a scalar subquery over the related
    /// table. The link always finds a row (it follows a foreign key); the fallback only keeps the
    /// expression from being NULL should it not.
    /// </summary>
    public static LambdaExpression Through<T, TOther>(AppDbContext db, Expression<Func<T, TOther, bool>> join, LambdaExpression column)
        where TOther : class
    {
        var row = join.Parameters[0];
        var match = Expression.Lambda<Func<TOther, bool>>(join.Body, join.Parameters[1]);
        var type = column.ReturnType;
        var selected = type.IsValueType ? typeof(Nullable<>).MakeGenericType(type) : type;
        var select = Expression.Lambda(Expression.Convert(column.Body, selected), column.Parameters[0]);
        var related = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(TOther)], db.Set<TOther>().AsQueryable().Expression, Expression.Quote(match));
        var values = Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(TOther), selected], related, Expression.Quote(select));
        var first = Expression.Call(typeof(Queryable), nameof(Queryable.FirstOrDefault), [selected], values);
        var fallback = type == typeof(string) ? (Expression)Expression.Constant(string.Empty) : Expression.Default(type);
        return Expression.Lambda(Expression.Coalesce(first, fallback), row);
    }

    /// <summary>
    /// An enum's position in its declaration as a CASE expression: enums are stored by name (for
    /// auditors reading the file), and their names sort alphabetically, not in the order the schema lists them.
    /// </summary>
    private static Expression Ordinal(Expression value, Type type)
    {
        var members = Enum.GetValues(type);
        Expression position = Expression.Constant(members.Length);
        for (var i = members.Length - 1; i >= 0; i--)
        {
            position = Expression.Condition(Expression.Equal(value, Expression.Constant(members.GetValue(i), type)), Expression.Constant(i), position);
        }

        return position;
    }

    /// <summary>1 when this row has no related row, else 0: the "has no value" flag of an optional link.</summary>
    public static LambdaExpression Missing<T, TOther>(AppDbContext db, Expression<Func<T, TOther, bool>> join)
        where TOther : class
    {
        var match = Expression.Lambda<Func<TOther, bool>>(join.Body, join.Parameters[1]);
        var any = Expression.Call(typeof(Queryable), nameof(Queryable.Any), [typeof(TOther)], db.Set<TOther>().AsQueryable().Expression, Expression.Quote(match));
        return Expression.Lambda(Expression.Condition(any, Expression.Constant(0), Expression.Constant(1)), join.Parameters[0]);
    }

    private static bool MayBeNull(Expression body) =>
        body is not MemberExpression { Member: PropertyInfo property }
        || new NullabilityInfoContext().Create(property).ReadState != NullabilityState.NotNull;
}

/// <summary>
/// A cursor of an ordered list: the order it belongs to and the row's sort values and id, so the next
/// page starts after that row by a keyset comparison over (sort values…, id).
/// </summary>
public static class OrderedCursor
{
    private const string Prefix = "order:";

    public static string Signature<T>(IReadOnlyList<SortKey<T>> keys) =>
        string.Join(",", keys.Select(k => $"{k.Field.Name}:{(k.Descending ? "DESC" : "ASC")}"));

    public static string Encode<T>(IReadOnlyList<SortKey<T>> keys, object[] sortValues, long id)
    {
        var values = new JsonArray();
        foreach (var value in sortValues)
        {
            values.Add(value switch
            {
                DateTime moment => JsonValue.Create(moment.Ticks),
                DateOnly day => JsonValue.Create(day.DayNumber),
                string text => JsonValue.Create(text),
                int number => JsonValue.Create(number),
                long number => JsonValue.Create(number),
                var other => throw new InvalidOperationException($"No cursor encoding for {other.GetType().Name}."),
            });
        }

        values.Add(JsonValue.Create(id));
        var json = new JsonObject { ["o"] = Signature(keys), ["v"] = values }.ToJsonString();
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + json));
    }

    /// <summary>The sort values and id a cursor carries; INVALID_CURSOR when it is not an ordered cursor of this very order.</summary>
    public static (object[] Values, long Id)? Decode<T>(string? cursor, IReadOnlyList<SortKey<T>> keys, IReadOnlyList<SortColumn> columns, string argument)
    {
        if (cursor is null)
        {
            return null;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw Cursor.Invalid(argument);
        }

        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new ExecutionError($"'{argument}' was not issued for this 'order'. Cursors hold their order: page with the same 'order' they came from.")
            {
                Code = "INVALID_CURSOR",
            };
        }

        try
        {
            var json = JsonNode.Parse(text[Prefix.Length..])!.AsObject();
            if ((string?)json["o"] != Signature(keys))
            {
                throw new ExecutionError($"'{argument}' was issued for another 'order'. Cursors hold their order: page with the same 'order' they came from.")
                {
                    Code = "INVALID_CURSOR",
                };
            }

            var values = json["v"]!.AsArray();
            if (values.Count != columns.Count + 1)
            {
                throw Cursor.Invalid(argument);
            }

            var decoded = columns.Select((column, i) => column.Column.ReturnType switch
            {
                var t when t == typeof(DateTime) => (object)new DateTime((long)values[i]!, DateTimeKind.Utc),
                var t when t == typeof(DateOnly) => DateOnly.FromDayNumber((int)values[i]!),
                var t when t == typeof(string) => (string)values[i]!,
                var t when t == typeof(int) => (int)values[i]!,
                _ => (long)values[i]!,
            }).ToArray();
            return (decoded, (long)values[^1]!);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException or NullReferenceException)
        {
            throw Cursor.Invalid(argument);
        }
    }
}

/// <summary>The <c>where</c> and <c>order</c> arguments of a connection, and paging through what they select.</summary>
public static class Listing
{
    /// <summary>Adds <c>where</c> and <c>order</c> with the spec's generated input types.</summary>
    public static FieldBuilder<TSource, TReturn> FilterAndOrderArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, IQuerySpec spec)
    {
        field.FilterArgument(spec);
        field.FieldType.Arguments!.Add(new QueryArgument(typeof(ListGraphType<>).MakeGenericType(
            typeof(NonNullGraphType<>).MakeGenericType(typeof(SortInputGraphType<>).MakeGenericType(spec.GetType()))))
        {
            Name = "order",
            Description = "Sort by these fields, the first entry first; ties are broken by id. Cursors hold the order they were issued for.",
        });
        return field;
    }

    /// <summary>Adds <c>where</c> alone.</summary>
    public static FieldBuilder<TSource, TReturn> FilterArgument<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, IQuerySpec spec)
    {
        field.FieldType.Arguments ??= new QueryArguments();
        field.FieldType.Arguments.Add(new QueryArgument(typeof(FilterInputGraphType<>).MakeGenericType(spec.GetType()))
        {
            Name = "where",
            Description = $"Only the {spec.TypeName} items matching this condition (translated to SQL).",
        });
        return field;
    }

    /// <summary>Applies <c>where</c> only.</summary>
    public static IQueryable<T> Filter<T>(this IResolveFieldContext context, IQueryable<T> source, QuerySpec<T> spec)
        where T : class
    {
        if (context.GetArgument<object?>("where") is not { } where)
        {
            return source;
        }

        var predicate = spec.Predicate(context.RequestServices!.GetRequiredService<AppDbContext>(), Filtering.InputObject(where, "where"), new FilterContext(context.User, 0, "where"));
        return source.Where(predicate);
    }

    /// <summary>Filters by <c>where</c>, then pages by the list's key as always, or by the <c>order</c> keys and that key when one is given.</summary>
    public static async Task<Connection<T>> PageAsync<T, TKey>(this IResolveFieldContext context, IQueryable<T> source, Expression<Func<T, TKey>> key, QuerySpec<T> spec)
        where T : class
        where TKey : struct
    {
        var filtered = context.Filter(source, spec);
        var keys = Sorting.Read(spec, context);
        if (keys.Count == 0)
        {
            return await Paging.PageAsync(filtered, key, PageRequest.From(context), context.CancellationToken);
        }

        return await OrderedPaging.PageAsync(filtered, OrderedPageRequest.From(context, keys), key, context.CancellationToken);
    }
}

/// <summary>A page request of an ordered list: the keys, their ORDER BY expressions, the sizes and the decoded cursors.</summary>
public sealed record OrderedPageRequest<T>(
    IReadOnlyList<SortKey<T>> Keys,
    IReadOnlyList<SortColumn> Columns,
    int? First,
    int? Last,
    (object[] Values, long Id)? After,
    (object[] Values, long Id)? Before);

public static class OrderedPageRequest
{
    public static OrderedPageRequest<T> From<T>(IResolveFieldContext context, IReadOnlyList<SortKey<T>> keys)
    {
        var columns = Sorting.Columns(keys, context.Service<AppDbContext>());
        var (first, last) = PageRequest.Sizes(context);
        return new OrderedPageRequest<T>(
            keys,
            columns,
            first,
            last,
            OrderedCursor.Decode(context.GetArgument<string?>("after"), keys, columns, "after"),
            OrderedCursor.Decode(context.GetArgument<string?>("before"), keys, columns, "before"));
    }
}

/// <summary>Keyset paging over (sort values…, id), in SQL.</summary>
public static class OrderedPaging
{
    private static readonly Func<CancellationToken, Task<bool>> False = _ => Task.FromResult(false);
    private static readonly Func<CancellationToken, Task<bool>> True = _ => Task.FromResult(true);

    public static async Task<Connection<T>> PageAsync<T, TKey>(
        IQueryable<T> source, OrderedPageRequest<T> request, Expression<Func<T, TKey>> id, CancellationToken cancellationToken)
        where T : class
        where TKey : struct
    {
        var (keys, columns, first, last, after, before) = request;
        var idOf = id.Compile();
        var window = source;
        if (after is { } a)
        {
            window = window.Where(Beyond(columns, id, a, forward: true));
        }

        if (before is { } b)
        {
            window = window.Where(Beyond(columns, id, b, forward: false));
        }

        var withValues = Sorting.Projection(columns, id, null, null);
        List<SortedRow<T>> rows;
        var hasNext = False;
        var hasPrevious = False;
        if (first is { } take)
        {
            rows = await Sorting.Apply(window, columns, id, reverse: false).Select(withValues).Take(take + 1).ToListAsync(cancellationToken);
            if (rows.Count > take)
            {
                rows.RemoveAt(rows.Count - 1);
                hasNext = True;
            }
            else if (before is { } b2)
            {
                hasNext = ct => source.AnyAsync(Not(Beyond(columns, id, b2, forward: false)), ct);
            }

            if (last is { } lastOfFirst && rows.Count > lastOfFirst)
            {
                rows = rows[^lastOfFirst..];
                hasPrevious = True;
            }
            else if (after is { } a2)
            {
                hasPrevious = ct => source.AnyAsync(Not(Beyond(columns, id, a2, forward: true)), ct);
            }
        }
        else
        {
            var takeLast = last ?? PageRequest.DefaultPageSize;
            rows = await Sorting.Apply(window, columns, id, reverse: true).Select(withValues).Take(takeLast + 1).ToListAsync(cancellationToken);
            if (rows.Count > takeLast)
            {
                rows.RemoveAt(rows.Count - 1);
                hasPrevious = True;
            }
            else if (after is { } a3)
            {
                hasPrevious = ct => source.AnyAsync(Not(Beyond(columns, id, a3, forward: true)), ct);
            }

            rows.Reverse();
            if (before is { } b3)
            {
                hasNext = ct => source.AnyAsync(Not(Beyond(columns, id, b3, forward: false)), ct);
            }
        }

        return Build(rows, keys, row => Convert.ToInt64(idOf(row), System.Globalization.CultureInfo.InvariantCulture), hasNext, hasPrevious, ct => source.CountAsync(ct));
    }

    /// <summary>
    /// Pages the already loaded children of one parent, which the batched command returned in the
    /// list's order with each row's place relative to the cursors, so nothing is compared here.
    /// </summary>
    public static Connection<T> Page<T>(IReadOnlyList<SortedRow<T>> ordered, OrderedPageRequest<T> request, Func<T, long> idOf)
        where T : notnull
    {
        var window = ordered.Where(r => r.AfterCursor && r.BeforeCursor).ToList();
        var start = 0;
        var count = window.Count;
        if (request.First is { } first && count > first)
        {
            count = first;
        }

        if (request.Last is { } last && count > last)
        {
            start = count - last;
            count = last;
        }

        var hasNext = start + count < window.Count || (request.Before is not null && ordered.Any(r => !r.BeforeCursor));
        var hasPrevious = start > 0 || (request.After is not null && ordered.Any(r => !r.AfterCursor));
        return Build(window.GetRange(start, count), request.Keys, idOf, hasNext ? True : False, hasPrevious ? True : False, _ => Task.FromResult(ordered.Count));
    }

    private static Connection<T> Build<T>(
        List<SortedRow<T>> rows,
        IReadOnlyList<SortKey<T>> keys,
        Func<T, long> idOf,
        Func<CancellationToken, Task<bool>> hasNext,
        Func<CancellationToken, Task<bool>> hasPrevious,
        Func<CancellationToken, Task<int>> totalCount)
        where T : notnull
    {
        var edges = rows.Select(row => new Edge<T>(OrderedCursor.Encode(keys, row.Keys, idOf(row.Row)), row.Row)).ToList();
        return new Connection<T>
        {
            Edges = edges,
            PageInfo = new ConnectionPageInfo(hasNext, hasPrevious, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor),
            TotalCount = totalCount,
        };
    }

    /// <summary>
    /// Rows strictly after (forward) or strictly before the cursor's row in the list's order:
    /// c1 ▷ v1, or c1 = v1 and c2 ▷ v2, …, or all values equal and id ▷ the cursor's id.
    /// </summary>
    public static Expression<Func<T, bool>> Beyond<T, TKey>(
        IReadOnlyList<SortColumn> sortColumns, Expression<Func<T, TKey>> id, (object[] Values, long Id) cursor, bool forward)
        where TKey : struct
    {
        var row = id.Parameters[0];
        var columns = sortColumns
            .Select((c, i) => (Column: ParameterSwap.Replace(c.Column.Body, c.Column.Parameters[0], row), Value: cursor.Values[i], Ascending: !c.Descending))
            .Append((Column: id.Body, Value: ConvertId<TKey>(cursor.Id), Ascending: true))
            .ToList();
        Expression? any = null;
        Expression? equalSoFar = null;
        foreach (var (column, value, ascending) in columns)
        {
            var bound = Filtering.Parameter(value, column.Type);
            var past = Compare(column, bound, greater: ascending == forward);
            var term = equalSoFar is null ? past : Expression.AndAlso(equalSoFar, past);
            any = any is null ? term : Expression.OrElse(any, term);
            var equal = Expression.Equal(column, bound);
            equalSoFar = equalSoFar is null ? equal : Expression.AndAlso(equalSoFar, equal);
        }

        return Expression.Lambda<Func<T, bool>>(any!, row);
    }

    private static BinaryExpression Compare(Expression column, Expression bound, bool greater)
    {
        if (column.Type == typeof(string))
        {
            var compare = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, column, bound);
            return greater ? Expression.GreaterThan(compare, Expression.Constant(0)) : Expression.LessThan(compare, Expression.Constant(0));
        }

        return greater ? Expression.GreaterThan(column, bound) : Expression.LessThan(column, bound);
    }

    private static object ConvertId<TKey>(long id)
        where TKey : struct
    {
        try
        {
            return (TKey)Convert.ChangeType(id, typeof(TKey), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            throw Cursor.Invalid("after");
        }
    }

    private static Expression<Func<T, bool>> Not<T>(Expression<Func<T, bool>> predicate) =>
        Expression.Lambda<Func<T, bool>>(Expression.Not(predicate.Body), predicate.Parameters);
}
