using GraphQL;
using GraphQL.DataLoader;

namespace GaLaAid.Api.GraphQL;

/// <summary>
/// Collects the keys that resolvers ask for while a level of the query executes, then fetches them
/// all in one call when the executor first awaits a result. GraphQL.NET's executors defer
/// <see cref="IDataLoaderResult"/> values until the pending level is done, which is what makes one
/// SQL command serve a whole page of parents.
/// </summary>
/// <remarks>Used under the serial execution strategy, so no locking is needed.</remarks>
public sealed class BatchLoader<TKey, TValue>(
    Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> loaded = [];
    private readonly HashSet<TKey> fetched = [];
    private readonly List<TKey> pending = [];

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        if (!fetched.Contains(key))
        {
            pending.Add(key);
        }

        return new Pending<TValue?>(async ct =>
        {
            if (!fetched.Contains(key))
            {
                await DispatchAsync(ct);
            }

            return loaded.TryGetValue(key, out var value) ? value : default;
        });
    }

    /// <summary>Records a value the caller already read (e.g. in a join), so that loading its key needs no command.</summary>
    public void Prime(TKey key, TValue value)
    {
        loaded[key] = value;
        fetched.Add(key);
    }

    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        var keys = pending.Where(k => !fetched.Contains(k)).Distinct().ToList();
        pending.Clear();
        if (keys.Count == 0)
        {
            return;
        }

        var results = await fetch(keys, cancellationToken);
        foreach (var key in keys)
        {
            fetched.Add(key);
        }

        foreach (var (key, value) in results)
        {
            loaded[key] = value;
        }
    }
}

/// <summary>A deferred result for the executor, optionally mapped once loaded.</summary>
public sealed class Pending<T>(Func<CancellationToken, Task<T>> resolve) : IDataLoaderResult<T>
{
    public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => resolve(cancellationToken);

    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await resolve(cancellationToken);
}

public static class PendingExtensions
{
    public static IDataLoaderResult<TOut> Then<TIn, TOut>(this IDataLoaderResult<TIn> result, Func<TIn, TOut> map) =>
        new Pending<TOut>(async ct => map(await result.GetResultAsync(ct)));
}

/// <summary>The batch loaders of one request, so every resolver of a query shares the same batches.</summary>
public sealed class RequestLoaders
{
    private readonly Dictionary<string, object> loaders = new(StringComparer.Ordinal);

    public BatchLoader<TKey, TValue> Get<TKey, TValue>(
        string name, Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
        where TKey : notnull
    {
        if (!loaders.TryGetValue(name, out var loader))
        {
            loader = new BatchLoader<TKey, TValue>(fetch);
            loaders[name] = loader;
        }

        return (BatchLoader<TKey, TValue>)loader;
    }

    /// <summary>Forgets every loaded object, so the next load reads the database again.</summary>
    public void Clear() => loaders.Clear();
}

public static class ResolveContextExtensions
{
    public static T Service<T>(this IResolveFieldContext context)
        where T : notnull =>
        context.RequestServices!.GetRequiredService<T>();
}
