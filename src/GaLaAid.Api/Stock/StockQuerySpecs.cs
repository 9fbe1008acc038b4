using GaLaAid.Api.Categories;
using GaLaAid.Api.Data;
using GaLaAid.Api.Donations;
using GaLaAid.Api.Funds;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Handovers;

namespace GaLaAid.Api.Stock;

/// <summary>What item lists can be filtered and sorted by.</summary>
public sealed class ItemQuerySpec : QuerySpec<StockItem>
{
    public ItemQuerySpec()
        : base("Item")
    {
        Id("id", "Item", i => i.Id, "The item's global id.", sort: true);
        Field("labelCode", i => i.LabelCode, "The code on the item's current label.", sort: true);
        Enum<TrackingMode, TrackingModeType>("tracking", i => i.Tracking, "Per unit or lot.", sort: true);
        Field("receivedQuantity", i => i.ReceivedQuantity, "The quantity received into the item.", sort: true);
        Field("quantityOnHand", i => i.QuantityOnHand, "The quantity on hand now.", sort: true);
        Related<DonationLine, DonationLineQuerySpec>("line", "The donation line the item came from.", _ => (i, l) => l.Id == i.DonationLineId, RelatedSort.Required);
        Related<Category, CategoryQuerySpec>("category", "The item's category (the kind; use parent for its group).", db => (i, c) =>
            db.DonationLines.Any(l => l.Id == i.DonationLineId && l.CategoryId == c.Id), RelatedSort.Required);
    }
}

/// <summary>What goods ledger lists can be filtered and sorted by.</summary>
public sealed class StockEntryQuerySpec : QuerySpec<StockEntry>
{
    public StockEntryQuerySpec()
        : base("StockEntry")
    {
        Id("id", "StockEntry", e => e.Id, "The entry's global id.", sort: true);
        Related<StockItem, ItemQuerySpec>("item", "The item the entry moved.", _ => (e, i) => i.Id == e.StockItemId, RelatedSort.Required);
        Enum<LedgerEntryKind, LedgerEntryKindType>("kind", e => e.Kind, "Why the goods moved.", sort: true);
        Field("quantity", e => e.Quantity, "Signed quantity.", sort: true);
        Related<Handover, HandoverQuerySpec>("handover", "For a Distributed entry or its reversal: the handover.", _ => (e, h) => h.Id == e.HandoverId, RelatedSort.Optional);
        Field("reason", e => e.Reason, "Why an adjustment or reversal was made.", sort: true);
        Field("recordedBy", e => e.RecordedBy, "Who recorded the entry.", sort: true);
        Field("recordedAt", e => e.RecordedAt, "When the entry was recorded (UTC).", sort: true);
    }
}
