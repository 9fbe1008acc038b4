using GaLaAid.Api.Data;
using GraphQL;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.GraphQL;

/// <summary>Batched loads shared by the features: one SQL command per kind of lookup per query level.</summary>
public static class Loading
{
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
    /// A child connection that also takes <c>where</c>: the condition joins the batched command's
    /// WHERE, so the children are still filtered in SQL and paged by id.
    /// </summary>
    public static IDataLoaderResult<Connection<T>> ChildConnection<T>(
        this IResolveFieldContext context,
        string name,
        int parentId,
        Func<AppDbContext, IReadOnlyList<int>, IQueryable<T>> query,
        Func<T, int> parentOf,
        Func<T, long> keyOf,
        QuerySpec<T> spec)
        where T : class
    {
        if (context.GetArgument<object?>("where") is not { } where)
        {
            return context.ChildConnection(name, parentId, query, parentOf, keyOf);
        }

        var predicate = spec.Predicate(context.Service<AppDbContext>(), Filtering.InputObject(where, "where"), new FilterContext(context.User, 0, "where"));
        // Siblings asking with the same condition share one batch; another condition is another batch.
        var batch = $"{name}?where={System.Text.Json.JsonSerializer.Serialize(where)}";
        return context.ChildConnection(batch, parentId, (db, ids) => query(db, ids).Where(predicate), parentOf, keyOf);
    }
}
