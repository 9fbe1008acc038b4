using GaLaAid.Api.Data;

namespace GaLaAid.Api.Stock;

/// <summary>One append-only movement of goods. Positive adds to stock, negative takes from it.</summary>
public sealed class StockEntry
{
    public long Id { get; init; }
    public int StockItemId { get; init; }
    public LedgerEntryKind Kind { get; init; }
    public int Quantity { get; init; }
    public int? HandoverId { get; init; }
    public long? ReversesEntryId { get; init; }
    public string? Reason { get; init; }
    public required string RecordedBy { get; init; }
    public DateTime RecordedAt { get; init; }
}
