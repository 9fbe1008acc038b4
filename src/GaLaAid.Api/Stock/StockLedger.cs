using GaLaAid.Api.Data;
using GaLaAid.Api.Donations;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Labels;
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
    /// <param name="labelAsRead">When the caller found the item by its label before the transaction: the code it read, so
    /// that a label voided since is refused (LABEL_VOIDED) by the same guarded update instead of moving the item by a dead label.</param>
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
        string field = "quantity",
        LabelAsRead? labelAsRead = null)
    {
        var itemId = item.Id;
        var code = labelAsRead?.Code;
        var moved = await db.StockItems
            .Where(i => i.Id == itemId
                && (code == null || i.LabelCode == code)
                && i.QuantityOnHand + quantity >= 0
                && (i.Tracking == TrackingMode.Lot || i.QuantityOnHand + quantity <= 1))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.QuantityOnHand, i => i.QuantityOnHand + quantity), cancellationToken);
        if (moved == 0)
        {
            var now = await db.StockItems.Where(i => i.Id == itemId).Select(i => new { i.QuantityOnHand, i.LabelCode }).FirstAsync(cancellationToken);
            if (labelAsRead is not null && now.LabelCode != labelAsRead.Code)
            {
                var voided = await LabelLedger.FindVoidedAsync(db, labelAsRead.Code, cancellationToken)
                    ?? throw new InvalidOperationException($"Item {itemId} no longer carries {labelAsRead.Code}, yet no reissue voided it.");
                throw new DomainException(new LabelVoidedError(labelAsRead.Field, voided));
            }

            var onHand = now.QuantityOnHand;
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

/// <summary>The label code a caller found an item by, and the input field that named it.</summary>
public sealed record LabelAsRead(string Code, string Field);
