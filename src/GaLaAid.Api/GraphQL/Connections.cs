using System.Buffers.Text;
using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.GraphQL;

/// <summary>The client's page request: Relay's first/after/last/before, validated.</summary>
public sealed record PageRequest(int? First, long? After, int? Last, long? Before)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static PageRequest From(IResolveFieldContext context)
    {
        var (first, last) = Sizes(context);
        return new PageRequest(
            first,
            Cursor.Decode(context.GetArgument<string?>("after"), "after"),
            last,
            Cursor.Decode(context.GetArgument<string?>("before"), "before"));
    }

    /// <summary>first and last, validated, with the default page when neither is given.</summary>
    public static (int? First, int? Last) Sizes(IResolveFieldContext context)
    {
        var first = context.GetArgument<int?>("first");
        var last = context.GetArgument<int?>("last");
        foreach (var (name, value) in new[] { ("first", first), ("last", last) })
        {
            if (value is < 0 or > MaxPageSize)
            {
                throw new ExecutionError($"'{name}' must be between 0 and {MaxPageSize}.") { Code = "INVALID_PAGING" };
            }
        }

        return (first ?? (last is null ? DefaultPageSize : null), last);
    }
}

public static class Cursor
{
    public static string Encode(long key) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"cursor:{key}")));

    public static long? Decode(string? cursor, string argument)
    {
        if (cursor is null)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith("cursor:", StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var key))
            {
                return key;
            }
        }
        catch (FormatException)
        {
        }

        throw Invalid(argument);
    }

    public static ExecutionError Invalid(string argument) =>
        new($"'{argument}' is not a cursor returned by this API. Use an edge's 'cursor' or pageInfo's startCursor/endCursor.")
        {
            Code = "INVALID_CURSOR",
        };
}

public interface IConnection
{
    IReadOnlyList<IEdge> Edges { get; }
    ConnectionPageInfo PageInfo { get; }
    Func<CancellationToken, Task<int>> TotalCount { get; }
}

public interface IEdge
{
    string Cursor { get; }
    object Node { get; }
}

public sealed record Edge<T>(string Cursor, T Node) : IEdge
    where T : notnull
{
    object IEdge.Node => Node;
}

public sealed record ConnectionPageInfo(
    Func<CancellationToken, Task<bool>> HasNextPage,
    Func<CancellationToken, Task<bool>> HasPreviousPage,
    string? StartCursor,
    string? EndCursor);

public sealed class Connection<T> : IConnection
    where T : notnull
{
    public required IReadOnlyList<Edge<T>> Edges { get; init; }
    public required ConnectionPageInfo PageInfo { get; init; }
    public required Func<CancellationToken, Task<int>> TotalCount { get; init; }

    IReadOnlyList<IEdge> IConnection.Edges => Edges;
}

/// <summary>Keyset paging over an entity's ascending key, in SQL for queries and in memory for batched children.</summary>
public static class Paging
{
    private static readonly Func<CancellationToken, Task<bool>> False = _ => Task.FromResult(false);
    private static readonly Func<CancellationToken, Task<bool>> True = _ => Task.FromResult(true);

    public static async Task<Connection<T>> PageAsync<T, TKey>(
        IQueryable<T> source, Expression<Func<T, TKey>> key, PageRequest page, CancellationToken cancellationToken)
        where T : notnull
        where TKey : struct
    {
        var keyOf = key.Compile();
        TKey? afterKey = page.After is { } after ? KeyOf<TKey>(after, "after") : null;
        TKey? beforeKey = page.Before is { } before ? KeyOf<TKey>(before, "before") : null;
        var window = source;
        if (afterKey.HasValue)
        {
            window = window.Where(Compare(key, afterKey.Value, ExpressionType.GreaterThan));
        }

        if (beforeKey.HasValue)
        {
            window = window.Where(Compare(key, beforeKey.Value, ExpressionType.LessThan));
        }

        List<T> rows;
        var hasNext = False;
        var hasPrevious = False;
        if (page.First is { } first)
        {
            rows = await window.OrderBy(key).Take(first + 1).ToListAsync(cancellationToken);
            if (rows.Count > first)
            {
                rows.RemoveAt(rows.Count - 1);
                hasNext = True;
            }
            else if (beforeKey.HasValue)
            {
                hasNext = ct => source.AnyAsync(Compare(key, beforeKey.Value, ExpressionType.GreaterThanOrEqual), ct);
            }

            if (page.Last is { } lastOfFirst && rows.Count > lastOfFirst)
            {
                rows = rows[^lastOfFirst..];
                hasPrevious = True;
            }
            else if (afterKey.HasValue)
            {
                hasPrevious = ct => source.AnyAsync(Compare(key, afterKey.Value, ExpressionType.LessThanOrEqual), ct);
            }
        }
        else
        {
            var last = page.Last ?? PageRequest.DefaultPageSize;
            rows = await window.OrderByDescending(key).Take(last + 1).ToListAsync(cancellationToken);
            if (rows.Count > last)
            {
                rows.RemoveAt(rows.Count - 1);
                hasPrevious = True;
            }
            else if (afterKey.HasValue)
            {
                hasPrevious = ct => source.AnyAsync(Compare(key, afterKey.Value, ExpressionType.LessThanOrEqual), ct);
            }

            rows.Reverse();
            if (beforeKey.HasValue)
            {
                hasNext = ct => source.AnyAsync(Compare(key, beforeKey.Value, ExpressionType.GreaterThanOrEqual), ct);
            }
        }

        return Build(rows, item => ToLong(keyOf(item)), hasNext, hasPrevious, ct => source.CountAsync(ct));
    }

    /// <summary>
    /// Turns a page of <typeparamref name="T"/> into a page of <typeparamref name="TOut"/> (e.g. funds
    /// into their balances), keeping cursors and page information; <paramref name="map"/> receives the
    /// whole page at once so it can load what it needs in one query.
    /// </summary>
    public static async Task<Connection<TOut>> MapAsync<T, TOut>(
        this Connection<T> page, Func<IReadOnlyList<T>, Task<IReadOnlyList<TOut>>> map)
        where T : notnull
        where TOut : notnull
    {
        var mapped = await map(page.Edges.Select(e => e.Node).ToList());
        return new Connection<TOut>
        {
            Edges = page.Edges.Select((edge, index) => new Edge<TOut>(edge.Cursor, mapped[index])).ToList(),
            PageInfo = page.PageInfo,
            TotalCount = page.TotalCount,
        };
    }

    /// <summary>Pages an already loaded, key-ordered list (children fetched in one batch for many parents).</summary>
    public static Connection<T> Page<T>(IReadOnlyList<T> ordered, Func<T, long> keyOf, PageRequest page)
        where T : notnull
    {
        IEnumerable<T> window = ordered;
        if (page.After is { } after)
        {
            window = window.Where(item => keyOf(item) > after);
        }

        if (page.Before is { } before)
        {
            window = window.Where(item => keyOf(item) < before);
        }

        var all = window.ToList();
        var start = 0;
        var count = all.Count;
        if (page.First is { } first && count > first)
        {
            count = first;
        }

        if (page.Last is { } last && count > last)
        {
            start = count - last;
            count = last;
        }

        var rows = all.GetRange(start, count);
        var hasNext = start + count < all.Count || (page.Before is { } b && ordered.Any(i => keyOf(i) >= b));
        var hasPrevious = start > 0 || (page.After is { } a && ordered.Any(i => keyOf(i) <= a));
        return Build(
            rows,
            keyOf,
            hasNext ? True : False,
            hasPrevious ? True : False,
            _ => Task.FromResult(ordered.Count));
    }

    private static Connection<T> Build<T>(
        List<T> rows,
        Func<T, long> keyOf,
        Func<CancellationToken, Task<bool>> hasNext,
        Func<CancellationToken, Task<bool>> hasPrevious,
        Func<CancellationToken, Task<int>> totalCount)
        where T : notnull
    {
        var edges = rows.Select(row => new Edge<T>(Cursor.Encode(keyOf(row)), row)).ToList();
        return new Connection<T>
        {
            Edges = edges,
            PageInfo = new ConnectionPageInfo(hasNext, hasPrevious, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor),
            TotalCount = totalCount,
        };
    }

    private static long ToLong<TKey>(TKey key)
        where TKey : struct => Convert.ToInt64(key, CultureInfo.InvariantCulture);

    /// <summary>
    /// A cursor's key as the list's key type. A cursor carries a long, but this API only hands out
    /// cursors of keys it has, so one too large for the key type (an int) was never issued by it.
    /// </summary>
    private static TKey KeyOf<TKey>(long cursorKey, string argument)
        where TKey : struct
    {
        try
        {
            return (TKey)Convert.ChangeType(cursorKey, typeof(TKey), CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            throw Cursor.Invalid(argument);
        }
    }

    private static Expression<Func<T, bool>> Compare<T, TKey>(Expression<Func<T, TKey>> key, TKey value, ExpressionType comparison)
        where TKey : struct
    {
        // Parameterize the bound so EF reuses one SQL shape for every page.
        var holder = Expression.Property(Expression.Constant(new Bound<TKey>(value)), nameof(Bound<TKey>.Value));
        return Expression.Lambda<Func<T, bool>>(Expression.MakeBinary(comparison, key.Body, holder), key.Parameters);
    }

    private sealed record Bound<TKey>(TKey Value);
}

public static class ConnectionFieldExtensions
{
    /// <summary>Adds Relay's paging arguments with their descriptions.</summary>
    public static FieldBuilder<TSource, TReturn> PagingArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field
            .Argument<IntGraphType>("first", $"Return at most this many items from the start of the window (default {PageRequest.DefaultPageSize}, at most {PageRequest.MaxPageSize}).")
            .Argument<StringGraphType>("after", "Only items after this cursor.")
            .Argument<IntGraphType>("last", $"Return at most this many items from the end of the window (at most {PageRequest.MaxPageSize}).")
            .Argument<StringGraphType>("before", "Only items before this cursor.");
}

/// <summary>A Relay connection of <typeparamref name="TNodeType"/>: edges, nodes, pageInfo and totalCount.</summary>
public sealed class ConnectionGraphType<TNodeType> : ObjectGraphType<IConnection>
    where TNodeType : IGraphType
{
    public ConnectionGraphType()
    {
        var nodeName = GraphTypeNames.Of<TNodeType>();
        Name = $"{nodeName}Connection";
        Description = $"A page of {nodeName} items with Relay cursors.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeGraphType<TNodeType>>>>>("edges")
            .Description("The items of this page, each with its cursor.")
            .Resolve(ctx => ctx.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes")
            .Description("The items of this page, without cursors.")
            .Resolve(ctx => ctx.Source.Edges.Select(e => e.Node).ToList());
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo")
            .Description("Where this page sits in the whole list.")
            .Resolve(ctx => ctx.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description("How many items the whole list holds, across all pages.")
            .ResolveAsync(async ctx => await ctx.Source.TotalCount(ctx.CancellationToken));
    }
}

public sealed class EdgeGraphType<TNodeType> : ObjectGraphType<IEdge>
    where TNodeType : IGraphType
{
    public EdgeGraphType()
    {
        var nodeName = GraphTypeNames.Of<TNodeType>();
        Name = $"{nodeName}Edge";
        Description = $"One {nodeName} in a connection, with its cursor.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Opaque cursor of this item, for 'after' or 'before'.").Resolve(ctx => ctx.Source.Cursor);
        Field<NonNullGraphType<TNodeType>>("node").Description("The item.").Resolve(ctx => ctx.Source.Node);
    }
}

public sealed class PageInfoGraphType : ObjectGraphType<ConnectionPageInfo>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Description = "Relay page information.";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Description("True when more items follow this page.")
            .ResolveAsync(async ctx => await ctx.Source.HasNextPage(ctx.CancellationToken));
        Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage").Description("True when items precede this page.")
            .ResolveAsync(async ctx => await ctx.Source.HasPreviousPage(ctx.CancellationToken));
        Field<StringGraphType>("startCursor").Description("Cursor of the first item of this page.").Resolve(ctx => ctx.Source.StartCursor);
        Field<StringGraphType>("endCursor").Description("Cursor of the last item of this page.").Resolve(ctx => ctx.Source.EndCursor);
    }
}

public static class GraphTypeNames
{
    /// <summary>The GraphQL name of a code-first type: its CLR name without the "Type" suffix.</summary>
    public static string Of<TGraphType>() => Of(typeof(TGraphType));

    public static string Of(Type graphType)
    {
        var name = graphType.Name;
        return name.EndsWith("GraphType", StringComparison.Ordinal) ? name[..^9]
            : name.EndsWith("Type", StringComparison.Ordinal) ? name[..^4]
            : name;
    }
}
