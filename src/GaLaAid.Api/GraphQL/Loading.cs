using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using GaLaAid.Api.Data;
using GraphQL;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.GraphQL;

/// <summary>Batched loads shared by the features: one SQL command per kind of lookup per query level.</summary>
public static class Loading
{
    private static readonly string[] OrderArguments = ["order", "after", "before"];

    /// <summary>Loads one entity by its id, batched with every other lookup of the same type in this request.</summary>
    public static IDataLoaderResult<T?> LoadById<T>(this IResolveFieldContext context, int id)
        where T : class => context.LoadByKey<T, int>(id);

    public static IDataLoaderResult<T?> LoadOptionalById<T>(this IResolveFieldContext context, int? id)
        where T : class =>
        id is { } value ? context.LoadByKey<T, int>(value) : new Pending<T?>(_ => Task.FromResult<T?>(null));

    public static IDataLoaderResult<T?> LoadOptionalByLongId<T>(this IResolveFieldContext context, long? id)
        where T : class =>
        id is { } value ? context.LoadByKey<T, long>(value) : new Pending<T?>(_ => Task.FromResult<T?>(null));

    /// <summary>
    /// Hands an entity the resolver already read (in a join) to this request's <see cref="LoadById{T}"/>
    /// batch, so that a nested field asking for it sends no command of its own.
    /// </summary>
    public static void PrimeById<T>(this IResolveFieldContext context, int id, T entity)
        where T : class => ByKeyLoader<T, int>(context).Prime(id, entity);

    private static IDataLoaderResult<T?> LoadByKey<T, TKey>(this IResolveFieldContext context, TKey id)
        where T : class
        where TKey : struct => ByKeyLoader<T, TKey>(context).Load(id);

    private static BatchLoader<TKey, T> ByKeyLoader<T, TKey>(IResolveFieldContext context)
        where T : class
        where TKey : struct
    {
        var db = context.Service<AppDbContext>();
        return context.Service<RequestLoaders>()
            .Get<TKey, T>($"{typeof(T).Name}ById", async (ids, ct) =>
            {
                var rows = await db.Set<T>().Where(e => ids.Contains(EF.Property<TKey>(e, "Id"))).ToListAsync(ct);
                var idProperty = typeof(T).GetProperty("Id")!;
                return rows.ToDictionary(e => (TKey)idProperty.GetValue(e)!);
            });
    }

    /// <summary>
    /// Loads the children of many parents in one command. <paramref name="query"/> must return the
    /// children of the given parent ids ordered by their own key.
    /// </summary>
    public static IDataLoaderResult<IReadOnlyList<T>> LoadChildren<T>(
        this IResolveFieldContext context,
        string name,
        int parentId,
        Func<AppDbContext, IReadOnlyList<int>, IQueryable<T>> query,
        Func<T, int> parentOf)
    {
        var db = context.Service<AppDbContext>();
        return context.Service<RequestLoaders>()
            .Get<int, IReadOnlyList<T>>(name, async (ids, ct) =>
            {
                var rows = await query(db, ids).ToListAsync(ct);
                return rows.GroupBy(parentOf).ToDictionary(g => g.Key, g => (IReadOnlyList<T>)g.ToList());
            })
            .Load(parentId)
            .Then(children => children ?? []);
    }

    /// <summary>A connection over the children of one parent, loaded in a batch with its siblings' children.</summary>
    public static IDataLoaderResult<Connection<T>> ChildConnection<T>(
        this IResolveFieldContext context,
        string name,
        int parentId,
        Func<AppDbContext, IReadOnlyList<int>, IQueryable<T>> query,
        Func<T, int> parentOf,
        Func<T, long> keyOf)
        where T : notnull
    {
        var page = PageRequest.From(context);
        return context.LoadChildren(name, parentId, query, parentOf).Then(children => Paging.Page(children, keyOf, page));
    }

    /// <summary>
    /// A child connection that takes <c>where</c> and <c>order</c>: the condition joins the batched
    /// command's WHERE and the order its ORDER BY, so the children of every parent come from one SQL
    /// command, filtered and ordered by the database. With an order, the same command also tells for
    /// each row whether it lies past the page's cursors, so paging here only slices.
    /// </summary>
    /// <param name="query">The children of the given parent ids, unordered: the order is added here.</param>
    public static IDataLoaderResult<Connection<T>> ChildConnection<T, TKey>(
        this IResolveFieldContext context,
        string name,
        int parentId,
        Func<AppDbContext, IReadOnlyList<int>, IQueryable<T>> query,
        Func<T, int> parentOf,
        Expression<Func<T, TKey>> key,
        QuerySpec<T> spec)
        where T : class
        where TKey : struct
    {
        var where = context.GetArgument<object?>("where");
        var predicate = where is null
            ? null
            : spec.Predicate(context.Service<AppDbContext>(), Filtering.InputObject(where, "where"), new FilterContext(context.User, 0, "where"));
        IQueryable<T> Filtered(AppDbContext db, IReadOnlyList<int> ids) => predicate is null ? query(db, ids) : query(db, ids).Where(predicate);

        // Siblings asking with the same arguments share one batch; other arguments are another batch.
        var batch = $"{name}?where={JsonSerializer.Serialize(where)}";
        var keys = Sorting.Read(spec, context);
        var idOf = key.Compile();
        long IdOf(T row) => Convert.ToInt64(idOf(row), CultureInfo.InvariantCulture);
        if (keys.Count == 0)
        {
            return context.ChildConnection(batch, parentId, (db, ids) => Filtered(db, ids).OrderBy(key), parentOf, IdOf);
        }

        var request = OrderedPageRequest.From(context, keys);
        var arguments = OrderArguments.Select(a => JsonSerializer.Serialize(context.GetArgument<object?>(a)));
        batch = $"{batch}&{string.Join('&', arguments)}";
        var withValues = Sorting.Projection(request.Columns, key, request.After, request.Before);
        return context.LoadChildren(
                batch,
                parentId,
                (db, ids) => Sorting.Apply(Filtered(db, ids), request.Columns, key, reverse: false).Select(withValues),
                row => parentOf(row.Row))
            .Then(children => OrderedPaging.Page(children, request, IdOf));
    }
}
