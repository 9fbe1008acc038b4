using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Stock;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Labels;

/// <summary>A code that was voided, with what replaced it: the item's code now, and when, by whom and why.</summary>
public sealed record VoidedLabel(string Code, int ItemId, string CurrentCode, DateTime VoidedAt, string VoidedBy, string Reason)
{
    /// <summary>What a person holding the old label needs to hear.</summary>
    public string Explanation =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Label {Code} was voided on {VoidedAt:yyyy-MM-dd HH:mm} UTC by {VoidedBy} ({Reason}). The item now carries label {CurrentCode}: scan the new label.");
}

/// <summary>
/// The rules of label codes over time: which codes are free, which were voided, and the one place
/// that voids a label and issues its replacement.
/// </summary>
public static class LabelLedger
{
    /// <summary>New random codes, unique among themselves and against every code ever issued, current or voided.</summary>
    public static async Task<List<string>> UnusedCodesAsync(AppDbContext db, int count, CancellationToken cancellationToken)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < count)
        {
            var fresh = new HashSet<string>(StringComparer.Ordinal);
            while (codes.Count + fresh.Count < count)
            {
                var code = LabelCode.NewCode();
                if (!codes.Contains(code))
                {
                    fresh.Add(code);
                }
            }

            // Every code ever issued is either an item's current code or a voided one. The codes go as
            // one array parameter: a donation of 100,000 items would pass SQLite's limit on parameters.
            var candidates = fresh.ToArray();
            var taken = await db.StockItems.Where(i => EF.Parameter(candidates).Contains(i.LabelCode)).Select(i => i.LabelCode)
                .Concat(db.LabelReissues.Where(r => EF.Parameter(candidates).Contains(r.VoidedCode)).Select(r => r.VoidedCode))
                .ToListAsync(cancellationToken);
            codes.UnionWith(fresh.Except(taken));
        }

        return codes.ToList();
    }

    /// <summary>Those of the canonical <paramref name="codes"/> that were voided, by code.</summary>
    public static async Task<Dictionary<string, VoidedLabel>> FindVoidedAsync(AppDbContext db, IReadOnlyCollection<string> codes, CancellationToken cancellationToken)
    {
        if (codes.Count == 0)
        {
            return [];
        }

        var rows = await (
                from reissue in db.LabelReissues
                where codes.Contains(reissue.VoidedCode)
                join item in db.StockItems on reissue.StockItemId equals item.Id
                select new { reissue.VoidedCode, item.Id, item.LabelCode, reissue.RecordedAt, reissue.RecordedBy, reissue.Reason })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(
            r => r.VoidedCode,
            r => new VoidedLabel(r.VoidedCode, r.Id, r.LabelCode, r.RecordedAt, r.RecordedBy, r.Reason),
            StringComparer.Ordinal);
    }

    public static async Task<VoidedLabel?> FindVoidedAsync(AppDbContext db, string code, CancellationToken cancellationToken) =>
        (await FindVoidedAsync(db, [code], cancellationToken)).GetValueOrDefault(code);

    /// <summary>
    /// Voids <paramref name="item"/>'s label as it was read and issues a new code, inside the caller's
    /// transaction. The item's cached code moves only by a guarded update (still the code that was
    /// read), so of two requests voiding the same label exactly one succeeds; the other is refused
    /// with LABEL_VOIDED against <paramref name="field"/>.
    /// </summary>
    public static async Task<LabelReissue> ReissueAsync(
        AppDbContext db, CurrentActor actor, StockItem item, string reason, string field, CancellationToken cancellationToken)
    {
        var itemId = item.Id;
        var voidedCode = item.LabelCode;
        var newCode = (await UnusedCodesAsync(db, 1, cancellationToken))[0];
        var moved = await db.StockItems
            .Where(i => i.Id == itemId && i.LabelCode == voidedCode)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LabelCode, newCode), cancellationToken);
        if (moved == 0)
        {
            var voided = await FindVoidedAsync(db, voidedCode, cancellationToken)
                ?? throw new InvalidOperationException($"Item {itemId} no longer carries {voidedCode}, yet no reissue voided it.");
            throw new DomainException(new LabelVoidedError(field, voided));
        }

        // The audit trail records the item as updated with its new code, so that a later change of
        // the code straight in the database no longer matches the row hash of this write.
        if (db.Entry(item).State == EntityState.Detached)
        {
            db.Attach(item);
        }

        db.Entry(item).Property(i => i.LabelCode).CurrentValue = newCode;

        var reissue = new LabelReissue
        {
            StockItemId = itemId,
            VoidedCode = voidedCode,
            NewCode = newCode,
            Reason = reason,
            RecordedBy = actor.Name,
            RecordedAt = actor.Now,
        };
        db.LabelReissues.Add(reissue);
        return reissue;
    }
}
