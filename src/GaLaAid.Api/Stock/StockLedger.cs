using GaLaAid.Api.Data;
using GaLaAid.Api.Donations;
using GaLaAid.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Stock;

/// <summary>
/// The only code that moves goods after they are received: appends a stock entry and, in the same
/// transaction, moves the item's cached on-hand quantity with a guarded update, so stock never goes
/// negative (and a per-unit item never holds more than its one unit), not even under a race.
/// </summary>
public static class StockLedger
{
    /// <param name="field">The input field a refused increase of a per-unit item is reported against.</param>
    public static async Task<StockEntry> AppendAsync(
        AppDbContext db,
        CurrentActor actor,
        StockItem item,
        LedgerEntryKind kind,
        int quantity,
        CancellationToken cancellationToken,
        int? handoverId = null,
        long? reversesEntryId = null,
        string? reason = null,
        string field = "quantity")
    {
        var itemId = item.Id;
        var moved = await db.StockItems
            .Where(i => i.Id == itemId
                && i.QuantityOnHand + quantity >= 0
                && (i.Tracking == TrackingMode.Lot || i.QuantityOnHand + quantity <= 1))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.QuantityOnHand, i => i.QuantityOnHand + quantity), cancellationToken);
        if (moved == 0)
        {
            var onHand = await db.StockItems.Where(i => i.Id == itemId).Select(i => i.QuantityOnHand).FirstAsync(cancellationToken);
            throw new DomainException(quantity < 0
                ? new InsufficientStockError(itemId, item.LabelCode, -quantity, onHand)
                : new ValidationError(field, $"Item {item.LabelCode} is a single physical unit and already on hand; it cannot hold more than one."));
        }

        var entry = new StockEntry
        {
            StockItemId = itemId,
            Kind = kind,
            Quantity = quantity,
            HandoverId = handoverId,
            ReversesEntryId = reversesEntryId,
            Reason = reason,
            RecordedBy = actor.Name,
            RecordedAt = actor.Now,
        };
        db.StockEntries.Add(entry);
        return entry;
    }
}
