using System.Buffers.Text;
using System.Linq.Expressions;
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

/// <summary><c>&lt;Type&gt;SortInput</c>: one direction per sortable field.</summary>
public sealed class SortInputGraphType<TSpec> : InputObjectGraphType
    where TSpec : IQuerySpec, new()
{
    public SortInputGraphType()
    {
        var spec = QuerySpecs.Of<TSpec>();
        Name = $"{spec.TypeName}SortInput";
        Description = $"One sort key for a list of {spec.TypeName}: give exactly one field per entry of 'order'. Ties are broken by the row's id.";
        foreach (var (name, description) in spec.SortInputFields)
        {
            Field<SortEnumType>(name).Description(description);
        }
    }
}

/// <summary>One key of an <c>order</c>: the column and its direction.</summary>
public sealed record SortKey<T>(SortField<T> Field, bool Descending);

public static class Sorting
{
    /// <summary>Columns whose order SQL and a keyset comparison agree on, on every provider.</summary>
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
            // Input objects come parsed in the type's field order, not as written, so one entry holds one key.
            if (entry.Count != 1)
            {
                throw Filtering.Invalid($"'order[{index}]' gives {entry.Count} fields; give exactly one field per entry of 'order'.");
            }

            var (name, value) = entry.Single();
            var field = spec.Sorts.Single(s => s.Name == name);
            Filtering.CheckRoles(field.Roles, context.User, $"order[{index}].{name}");
            keys.Add(new SortKey<T>(field, value is SortDirection.Desc));
            index++;
        }

        if (keys.Count > 10)
        {
            throw Filtering.Invalid($"'order' has {keys.Count} keys; at most 10 are allowed.");
        }

        return keys;
    }

    public static IOrderedQueryable<T> Apply<T, TKey>(IQueryable<T> source, IReadOnlyList<SortKey<T>> keys, Expression<Func<T, TKey>> id, bool reverse)
    {
        var ordered = source;
        var first = true;
        foreach (var (column, descending) in keys.Select(k => (k.Field.Column, k.Descending)).Append((id, false)))
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
}

/// <summary>
/// A cursor of an ordered list: the order it belongs to and the row's sort values and id, so the next
/// page starts after that row by a keyset comparison over (sort keys…, id).
/// </summary>
public static class OrderedCursor
{
    private const string Prefix = "order:";

    public static string Signature<T>(IReadOnlyList<SortKey<T>> keys) =>
        string.Join(",", keys.Select(k => $"{k.Field.Name}:{(k.Descending ? "DESC" : "ASC")}"));

    public static string Encode<T>(IReadOnlyList<SortKey<T>> keys, T row, long id)
    {
        var values = new JsonArray();
        foreach (var key in keys)
        {
            values.Add(key.Field.Read(row) switch
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
    public static (object[] Values, long Id)? Decode<T>(string? cursor, IReadOnlyList<SortKey<T>> keys, string argument)
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
            if (values.Count != keys.Count + 1)
            {
                throw Cursor.Invalid(argument);
            }

            var decoded = keys.Select((key, i) => key.Field.Column.ReturnType switch
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

    /// <summary>Adds <c>where</c> alone, for nested lists that page by id only.</summary>
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

        var (first, last) = PageRequest.Sizes(context);
        return await OrderedPaging.PageAsync(
            filtered,
            keys,
            key,
            first,
            last,
            OrderedCursor.Decode(context.GetArgument<string?>("after"), keys, "after"),
            OrderedCursor.Decode(context.GetArgument<string?>("before"), keys, "before"),
            context.CancellationToken);
    }
}

/// <summary>Keyset paging over (sort keys…, id), in SQL.</summary>
public static class OrderedPaging
{
    private static readonly Func<CancellationToken, Task<bool>> False = _ => Task.FromResult(false);
    private static readonly Func<CancellationToken, Task<bool>> True = _ => Task.FromResult(true);

    public static async Task<Connection<T>> PageAsync<T, TKey>(
        IQueryable<T> source,
        IReadOnlyList<SortKey<T>> keys,
        Expression<Func<T, TKey>> id,
        int? first,
        int? last,
        (object[] Values, long Id)? after,
        (object[] Values, long Id)? before,
        CancellationToken cancellationToken)
        where T : class
        where TKey : struct
    {
        var idOf = id.Compile();
        var window = source;
        if (after is { } a)
        {
            window = window.Where(Beyond(keys, id, a, forward: true));
        }

        if (before is { } b)
        {
            window = window.Where(Beyond(keys, id, b, forward: false));
        }

        List<T> rows;
        var hasNext = False;
        var hasPrevious = False;
        if (first is { } take)
        {
            rows = await Sorting.Apply(window, keys, id, reverse: false).Take(take + 1).ToListAsync(cancellationToken);
            if (rows.Count > take)
            {
                rows.RemoveAt(rows.Count - 1);
                hasNext = True;
            }
            else if (before is { } b2)
            {
                hasNext = ct => source.AnyAsync(Not(Beyond(keys, id, b2, forward: false)), ct);
            }

            if (last is { } lastOfFirst && rows.Count > lastOfFirst)
            {
                rows = rows[^lastOfFirst..];
                hasPrevious = True;
            }
            else if (after is { } a2)
            {
                hasPrevious = ct => source.AnyAsync(Not(Beyond(keys, id, a2, forward: true)), ct);
            }
        }
        else
        {
            var takeLast = last ?? PageRequest.DefaultPageSize;
            rows = await Sorting.Apply(window, keys, id, reverse: true).Take(takeLast + 1).ToListAsync(cancellationToken);
            if (rows.Count > takeLast)
            {
                rows.RemoveAt(rows.Count - 1);
                hasPrevious = True;
            }
            else if (after is { } a3)
            {
                hasPrevious = ct => source.AnyAsync(Not(Beyond(keys, id, a3, forward: true)), ct);
            }

            rows.Reverse();
            if (before is { } b3)
            {
                hasNext = ct => source.AnyAsync(Not(Beyond(keys, id, b3, forward: false)), ct);
            }
        }

        var edges = rows.Select(row => new Edge<T>(
            OrderedCursor.Encode(keys, row, Convert.ToInt64(idOf(row), System.Globalization.CultureInfo.InvariantCulture)), row)).ToList();
        return new Connection<T>
        {
            Edges = edges,
            PageInfo = new ConnectionPageInfo(hasNext, hasPrevious, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor),
            TotalCount = ct => source.CountAsync(ct),
        };
    }

    /// <summary>
    /// Rows strictly after (forward) or strictly before the cursor's row in the list's order:
    /// k1 ▷ v1, or k1 = v1 and k2 ▷ v2, …, or all keys equal and id ▷ the cursor's id.
    /// </summary>
    private static Expression<Func<T, bool>> Beyond<T, TKey>(
        IReadOnlyList<SortKey<T>> keys, Expression<Func<T, TKey>> id, (object[] Values, long Id) cursor, bool forward)
        where TKey : struct
    {
        var row = id.Parameters[0];
        var columns = keys
            .Select((k, i) => (Column: ParameterSwap.Replace(k.Field.Column.Body, k.Field.Column.Parameters[0], row), Value: cursor.Values[i], Ascending: !k.Descending))
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
