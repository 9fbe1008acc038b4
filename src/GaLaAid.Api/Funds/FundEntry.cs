using GaLaAid.Api.Data;

namespace GaLaAid.Api.Funds;

/// <summary>One append-only movement of cash in a fund. Positive adds to the fund, negative takes from it.</summary>
public sealed class FundEntry
{
    public long Id { get; init; }
    public int FundId { get; init; }
    public LedgerEntryKind Kind { get; init; }
    public long AmountFen { get; init; }
    public int? CashDonationId { get; init; }
    public int? DisbursementId { get; init; }
    public long? ReversesEntryId { get; init; }
    public string? Reason { get; init; }
    public required string RecordedBy { get; init; }
    public DateTime RecordedAt { get; init; }
}
