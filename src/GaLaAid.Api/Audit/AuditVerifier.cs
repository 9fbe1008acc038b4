using System.ComponentModel;
using System.Globalization;
using GaLaAid.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GaLaAid.Api.Audit;

public enum AuditProblemKind
{
    [Description("The entry's stored hash is not the hash of its contents: the entry was changed after it was written.")]
    HashMismatch,

    [Description("The entry's previous hash is not the hash of the entry before it: an entry before it was changed, replaced or inserted.")]
    ChainBroken,

    [Description("A sequence number is missing: an entry was deleted.")]
    SequenceGap,

    [Description("The entry's list of written rows cannot be read, although its hashes agree: the trail was rewritten.")]
    MalformedEntry,

    [Description("A row no longer holds what the last entry that wrote it recorded.")]
    RowChanged,

    [Description("The trail no longer holds the head hash noted at an earlier verification at its sequence: history was rewritten or cut off.")]
    NotedHeadMissing,

    [Description("A row an entry recorded no longer exists.")]
    RowMissing,

    [Description("A row exists that no entry recorded: it was put into the database past the API.")]
    RowUnrecorded,

    [Description("A cached balance (an item's quantity on hand, a fund's balance) differs from the sum of its ledger entries.")]
    CachedBalanceMismatch,
}

/// <summary>What is wrong, and where: the entry (if one is at fault), the table and row (if a row is).</summary>
public sealed record AuditProblem(AuditProblemKind Kind, long? Sequence, string? Table, long? RowId, string Message);

/// <summary>A head (sequence and hash) an auditor noted at an earlier verification.</summary>
public sealed record NotedHead(long Sequence, string Hash);

/// <summary>The outcome of checking the whole trail and the ledger against it.</summary>
public sealed record AuditVerification(
    int EntriesChecked, int RowsChecked, long? HeadSequence, string? HeadHash, AuditProblem? FirstProblem)
{
    public bool Ok => FirstProblem is null;
}

/// <summary>
/// Checks the chain entry by entry, in sequence order and page by page (never the whole trail in
/// memory): consecutive sequences, each previous hash equal to the hash before it, each hash
/// recomputed. Checks the ledger against it: every recorded row still holds what its latest
/// recording says, every row of every audited table is recorded, and every cached balance equals
/// the sum of its entries.
/// </summary>
public static class AuditVerifier
{
    /// <summary>Entries (and row ids) read per query.</summary>
    public const int PageSize = 200;

    private const int RowChunk = 500;

    /// <param name="noted">
    /// A head noted earlier, outside the database. A hash chain alone cannot tell a trail from one
    /// rewritten from some entry onwards with every hash recomputed, or cut short; the noted head can.
    /// </param>
    public static async Task<AuditVerification> VerifyAsync(AppDbContext db, NotedHead? noted, CancellationToken cancellationToken)
    {
        AuditProblem? notedProblem = null;
        var notedSeen = false;
        var expected = 1L;
        var previousHash = AuditHash.Genesis;
        AuditProblem? chainProblem = null;
        AuditProblem? missing = null;
        // Rows whose current content differs from an entry's recording, until a later entry records them again (an update).
        var changed = new Dictionary<(string Table, long Id), AuditProblem>();
        var recorded = new Dictionary<string, RowIdRanges>(StringComparer.Ordinal);
        var entries = 0;
        var rows = 0;
        AuditEntry? head = null;

        while (true)
        {
            var after = head?.Sequence ?? long.MinValue;
            var page = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence > after)
                .OrderBy(e => e.Sequence)
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            var written = new List<(long Sequence, AuditWrite Write)>();
            foreach (var entry in page)
            {
                entries++;
                var writes = AuditWrite.FromJson(entry.Writes);
                chainProblem ??= CheckLink(entry, expected, previousHash, writes is not null);
                if (noted is not null && entry.Sequence == noted.Sequence)
                {
                    notedSeen = true;
                    if (!string.Equals(entry.Hash, noted.Hash, StringComparison.OrdinalIgnoreCase))
                    {
                        notedProblem = NotedHeadMissing(noted, Text($"Entry {noted.Sequence} now has the hash {entry.Hash}, not the noted {noted.Hash}: the trail was rewritten from this entry or before it."));
                    }
                }

                expected = entry.Sequence + 1;
                previousHash = entry.Hash;
                written.AddRange((writes ?? []).Select(w => (entry.Sequence, w)));
            }

            foreach (var chunk in written.Chunk(RowChunk))
            {
                var current = await CurrentHashesAsync(db, chunk.Select(c => c.Write), cancellationToken);
                foreach (var (sequence, write) in chunk)
                {
                    rows++;
                    var key = (write.Table, write.Id);
                    changed.Remove(key);
                    Ranges(recorded, write.Table).Add(write.Id);
                    if (!current.TryGetValue(key, out var hash))
                    {
                        missing ??= new AuditProblem(AuditProblemKind.RowMissing, sequence, write.Table, write.Id,
                            Text($"{write.Table} row {write.Id}, recorded by entry {sequence}, no longer exists."));
                    }
                    else if (hash != write.RowHash)
                    {
                        changed[key] = new AuditProblem(AuditProblemKind.RowChanged, sequence, write.Table, write.Id,
                            Text($"{write.Table} row {write.Id} no longer holds what entry {sequence} recorded for it."));
                    }
                }
            }

            head = page[^1];
        }

        if (noted is not null && !notedSeen)
        {
            notedProblem = NotedHeadMissing(noted, Text($"The trail holds no entry {noted.Sequence} any more: it was cut off before the noted head."));
        }

        var first = new[] { chainProblem, notedProblem, missing, changed.Values.MinBy(p => p.Sequence) }
            .Where(p => p is not null)
            .MinBy(p => p!.Sequence);
        first ??= await FirstUnrecordedRowAsync(db, recorded, cancellationToken);
        first ??= await FirstCachedBalanceMismatchAsync(db, cancellationToken);
        return new AuditVerification(entries, rows, head?.Sequence, head?.Hash, first);
    }

    /// <summary>The ids every entry records, table by table, for finding rows that no entry recorded.</summary>
    public static async Task<Dictionary<string, RowIdRanges>> RecordedRowsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var recorded = new Dictionary<string, RowIdRanges>(StringComparer.Ordinal);
        var after = long.MinValue;
        while (true)
        {
            var page = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence > after)
                .OrderBy(e => e.Sequence)
                .Take(PageSize)
                .Select(e => new { e.Sequence, e.Writes })
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                return recorded;
            }

            foreach (var write in page.SelectMany(e => AuditWrite.FromJson(e.Writes) ?? []))
            {
                Ranges(recorded, write.Table).Add(write.Id);
            }

            after = page[^1].Sequence;
        }
    }

    private static AuditProblem NotedHeadMissing(NotedHead noted, string message) =>
        new(AuditProblemKind.NotedHeadMissing, noted.Sequence, null, null, message);

    private static AuditProblem? CheckLink(AuditEntry entry, long expected, string previousHash, bool writesReadable)
    {
        if (entry.Sequence != expected)
        {
            return new AuditProblem(AuditProblemKind.SequenceGap, entry.Sequence, null, null, entry.Sequence > expected
                ? Text($"Entry {entry.Sequence} follows entry {expected - 1}: entries {expected} to {entry.Sequence - 1} are missing.")
                : Text($"Entry {entry.Sequence} has a sequence number before the first entry, 1."));
        }

        if (entry.PreviousHash != previousHash)
        {
            return new AuditProblem(AuditProblemKind.ChainBroken, entry.Sequence, null, null, expected == 1
                ? Text($"Entry {entry.Sequence} is the first entry but does not start from the genesis hash.")
                : Text($"Entry {entry.Sequence} does not link to entry {expected - 1}: its previous hash differs from that entry's hash."));
        }

        if (AuditHash.Entry(entry) != entry.Hash)
        {
            return new AuditProblem(AuditProblemKind.HashMismatch, entry.Sequence, null, null,
                Text($"Entry {entry.Sequence} was changed after it was written: its contents no longer hash to its stored hash."));
        }

        return writesReadable
            ? null
            : new AuditProblem(AuditProblemKind.MalformedEntry, entry.Sequence, null, null,
                Text($"Entry {entry.Sequence} hashes correctly but its written rows cannot be read."));
    }

    /// <summary>The current content hash of each of these rows that still exists, by table and id.</summary>
    private static async Task<Dictionary<(string Table, long Id), string>> CurrentHashesAsync(
        AppDbContext db, IEnumerable<AuditWrite> writes, CancellationToken cancellationToken)
    {
        var hashes = new Dictionary<(string, long), string>();
        foreach (var table in writes.GroupBy(w => w.Table))
        {
            if (AuditedTables.ByTable(db, table.Key) is not { } entityType)
            {
                continue;
            }

            var rows = await AuditedTables.LoadAsync(db, entityType, table.Select(w => w.Id).ToList(), cancellationToken);
            foreach (var (id, row) in rows)
            {
                hashes[(table.Key, id)] = AuditHash.Row(entityType, row);
            }
        }

        return hashes;
    }

    private static async Task<AuditProblem?> FirstUnrecordedRowAsync(AppDbContext db, Dictionary<string, RowIdRanges> recorded, CancellationToken cancellationToken)
    {
        foreach (var entityType in AuditedTables.All(db))
        {
            var table = entityType.GetTableName()!;
            var known = recorded.GetValueOrDefault(table);
            var after = long.MinValue;
            while (true)
            {
                var ids = await AuditedTables.IdsAfterAsync(db, entityType, after, PageSize * 5, cancellationToken);
                if (ids.Count == 0)
                {
                    break;
                }

                foreach (var id in ids.Where(id => known?.Contains(id) != true))
                {
                    return new AuditProblem(AuditProblemKind.RowUnrecorded, null, table, id,
                        Text($"{table} row {id} is not recorded by any entry of the audit trail."));
                }

                after = ids[^1];
            }
        }

        return null;
    }

    private static async Task<AuditProblem?> FirstCachedBalanceMismatchAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var item = await db.StockItems
            .Select(i => new { i.Id, i.QuantityOnHand, Sum = db.StockEntries.Where(e => e.StockItemId == i.Id).Sum(e => (long)e.Quantity) })
            .Where(i => i.QuantityOnHand != i.Sum)
            .OrderBy(i => i.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (item is not null)
        {
            return new AuditProblem(AuditProblemKind.CachedBalanceMismatch, null, Table<Stock.StockItem>(db), item.Id,
                Text($"Item {item.Id} shows {item.QuantityOnHand} on hand, but its stock entries sum to {item.Sum}."));
        }

        var fund = await db.Funds
            .Select(f => new { f.Id, f.BalanceFen, Sum = db.FundEntries.Where(e => e.FundId == f.Id).Sum(e => e.AmountFen) })
            .Where(f => f.BalanceFen != f.Sum)
            .OrderBy(f => f.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return fund is null
            ? null
            : new AuditProblem(AuditProblemKind.CachedBalanceMismatch, null, Table<Funds.Fund>(db), fund.Id,
                Text($"Fund {fund.Id} shows a balance of {fund.BalanceFen} fen, but its entries sum to {fund.Sum} fen."));
    }

    private static string Table<T>(AppDbContext db) => db.Model.FindEntityType(typeof(T))!.GetTableName()!;

    private static RowIdRanges Ranges(Dictionary<string, RowIdRanges> recorded, string table)
    {
        if (!recorded.TryGetValue(table, out var ranges))
        {
            ranges = new RowIdRanges();
            recorded[table] = ranges;
        }

        return ranges;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
