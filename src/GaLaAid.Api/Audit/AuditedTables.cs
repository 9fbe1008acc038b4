using System.Reflection;
using GaLaAid.Api.Data;
using GaLaAid.Api.Funds;
using GaLaAid.Api.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GaLaAid.Api.Audit;

/// <summary>
/// What the trail covers: every table of the model except the trail itself, each keyed by one
/// integer id. Reads rows of any of them by id, for hashing at verification.
/// </summary>
public static class AuditedTables
{
    /// <summary>
    /// Caches moved in place by a guarded ExecuteUpdate in the same transaction as the entry that
    /// moves them. They are left out of row hashes (the entry that created the row could not have
    /// known later values); <see cref="AuditVerifier"/> checks each against the sum of its entries instead.
    /// A new column updated in place belongs here too, and, when the ledger can recompute it, a check
    /// of its own in the verifier.
    /// </summary>
    private static readonly HashSet<(Type Entity, string Property)> CachedColumns =
    [
        (typeof(StockItem), nameof(StockItem.QuantityOnHand)),
        (typeof(Fund), nameof(Fund.BalanceFen)),
    ];

    private static readonly MethodInfo LoadMethod = typeof(AuditedTables).GetMethod(nameof(LoadTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo IdsMethod = typeof(AuditedTables).GetMethod(nameof(IdsAfterTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static bool IsCachedColumn(IProperty property) => CachedColumns.Contains((property.DeclaringType.ClrType, property.Name));

    public static bool IsAudited(IEntityType entityType) => entityType.ClrType != typeof(AuditEntry);

    public static IEnumerable<IEntityType> All(AppDbContext db) =>
        db.Model.GetEntityTypes().Where(IsAudited).OrderBy(t => t.GetTableName(), StringComparer.Ordinal);

    public static IEntityType? ByTable(AppDbContext db, string table) =>
        db.Model.GetEntityTypes().FirstOrDefault(t => IsAudited(t) && t.GetTableName() == table);

    public static IEnumerable<IProperty> HashedProperties(IEntityType entityType) =>
        entityType.GetProperties()
            .Where(p => !IsCachedColumn(p))
            .OrderBy(p => p.GetColumnName(), StringComparer.Ordinal);

    public static IProperty KeyProperty(IEntityType entityType) =>
        entityType.FindPrimaryKey() is { Properties: [var key] } && (key.ClrType == typeof(int) || key.ClrType == typeof(long))
            ? key
            : throw new InvalidOperationException($"The audit trail records rows by one integer id; {entityType.DisplayName()} has another key.");

    public static long IdOf(IEntityType entityType, object entity) =>
        Convert.ToInt64(KeyProperty(entityType).GetGetter().GetClrValue(entity), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The rows of one table with these ids, by id (missing ids are absent).</summary>
    public static Task<Dictionary<long, object>> LoadAsync(AppDbContext db, IEntityType entityType, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        (Task<Dictionary<long, object>>)LoadMethod.MakeGenericMethod(entityType.ClrType, KeyProperty(entityType).ClrType)
            .Invoke(null, [db, entityType, ids, cancellationToken])!;

    /// <summary>The next ids of one table after <paramref name="after"/>, ascending.</summary>
    public static Task<List<long>> IdsAfterAsync(AppDbContext db, IEntityType entityType, long after, int count, CancellationToken cancellationToken) =>
        (Task<List<long>>)IdsMethod.MakeGenericMethod(entityType.ClrType, KeyProperty(entityType).ClrType)
            .Invoke(null, [db, entityType, after, count, cancellationToken])!;

    private static async Task<Dictionary<long, object>> LoadTypedAsync<TEntity, TKey>(
        AppDbContext db, IEntityType entityType, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
        where TEntity : class
        where TKey : struct
    {
        var key = KeyProperty(entityType).Name;
        var rows = new Dictionary<long, object>();
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            var typed = chunk.Select(id => (TKey)Convert.ChangeType(id, typeof(TKey), System.Globalization.CultureInfo.InvariantCulture)).ToList();
            foreach (var row in await db.Set<TEntity>().AsNoTracking().Where(e => typed.Contains(EF.Property<TKey>(e, key))).ToListAsync(cancellationToken))
            {
                rows[IdOf(entityType, row)] = row;
            }
        }

        return rows;
    }

    private static async Task<List<long>> IdsAfterTypedAsync<TEntity, TKey>(
        AppDbContext db, IEntityType entityType, long after, int count, CancellationToken cancellationToken)
        where TEntity : class
        where TKey : struct
    {
        var key = KeyProperty(entityType).Name;
        if (typeof(TKey) != typeof(int))
        {
            return await db.Set<TEntity>().Select(e => EF.Property<long>(e, key)).Where(id => id > after).OrderBy(id => id).Take(count).ToListAsync(cancellationToken);
        }

        // Compared as int, not cast to long in SQL: a CAST around the key hides it from the primary
        // key, and every page became a scan and sort of the whole table (quadratic on a big ledger).
        var afterInt = (int)Math.Clamp(after, int.MinValue, int.MaxValue);
        var intIds = await db.Set<TEntity>().Select(e => EF.Property<int>(e, key)).Where(id => id > afterInt).OrderBy(id => id).Take(count).ToListAsync(cancellationToken);
        return intIds.ConvertAll(id => (long)id);
    }
}
