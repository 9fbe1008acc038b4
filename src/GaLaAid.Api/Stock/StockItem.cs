using GaLaAid.Api.Donations;

namespace GaLaAid.Api.Stock;

/// <summary>The labelled thing on the shelf: one physical unit, or one lot of a bulk line.</summary>
public sealed class StockItem
{
    public int Id { get; init; }
    public int DonationLineId { get; init; }
    public TrackingMode Tracking { get; init; }

    /// <summary>
    /// The code on the item's current label: the code it was received with, or the new code of its
    /// last label reissue. Changed only by the guarded update in <c>LabelLedger.ReissueAsync</c>, in
    /// the same transaction as the reissue row that records the change.
    /// </summary>
    public required string LabelCode { get; init; }

    /// <summary>Quantity this item held when it was received (1 for a per-unit item).</summary>
    public int ReceivedQuantity { get; init; }

    /// <summary>
    /// Cached sum of this item's stock entries. Changed only by a guarded update in the same
    /// transaction as the entry that moves it; a test reconciles it against the entries.
    /// </summary>
    public int QuantityOnHand { get; init; }
}
