using GaLaAid.Api.Data;
using GaLaAid.Api.Donations;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Labels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

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
        // Raw SQL through EF: a LINQ ExecuteUpdate is translated (or looked up by its expression tree) on
        // every call, which cost more CPU than the statement; interceptors and logging still see this one.
        var guarded = GuardedMove.For(db);
        var moved = labelAsRead is null
            ? await db.Database.ExecuteSqlRawAsync(guarded.ById, [quantity, itemId, guarded.LotTracking], cancellationToken)
            : await db.Database.ExecuteSqlRawAsync(guarded.ByIdAndLabel, [quantity, itemId, guarded.LotTracking, labelAsRead.Code], cancellationToken);
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

    /// <summary>
    /// The guarded move of an item's cached quantity, built once from the model: moves it only while the
    /// result stays at or above zero, a per-unit item stays at or below one, and (with the label) the item
    /// still carries the code it was found by. {0} quantity, {1} item id, {2} the stored value of Lot, {3} label code.
    /// </summary>
    private sealed record GuardedMove(string ById, string ByIdAndLabel, object LotTracking)
    {
        private static GuardedMove? built;

        public static GuardedMove For(AppDbContext db) =>
            built ??= Build(db.Model.FindEntityType(typeof(StockItem))!, db.GetService<ISqlGenerationHelper>());

        private static GuardedMove Build(Microsoft.EntityFrameworkCore.Metadata.IEntityType items, ISqlGenerationHelper sql)
        {
            string Column(string property) => sql.DelimitIdentifier(items.FindProperty(property)!.GetColumnName());
            var onHand = Column(nameof(StockItem.QuantityOnHand));
            var tracking = items.FindProperty(nameof(StockItem.Tracking))!;
            var byId = $"UPDATE {sql.DelimitIdentifier(items.GetTableName()!)} SET {onHand} = {onHand} + {{0}} "
                + $"WHERE {Column(nameof(StockItem.Id))} = {{1}} AND {onHand} + {{0}} >= 0 AND ({Column(nameof(StockItem.Tracking))} = {{2}} OR {onHand} + {{0}} <= 1)";
            var lot = tracking.GetTypeMapping().Converter?.ConvertToProvider(TrackingMode.Lot) ?? TrackingMode.Lot;
            return new GuardedMove(byId, byId + $" AND {Column(nameof(StockItem.LabelCode))} = {{3}}", lot);
        }
    }
}

/// <summary>The label code a caller found an item by, and the input field that named it.</summary>
public sealed record LabelAsRead(string Code, string Field);
