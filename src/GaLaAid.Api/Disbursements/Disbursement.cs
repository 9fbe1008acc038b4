namespace GaLaAid.Api.Disbursements;

/// <summary>Cash paid from a fund to a recipient; the money leaves the fund through a Disbursed entry.</summary>
public sealed class Disbursement
{
    public int Id { get; init; }
    public int FundId { get; init; }
    public int RecipientId { get; init; }
    public long AmountFen { get; init; }
    public required string Purpose { get; init; }
    public DateOnly PaidOn { get; init; }
    public string? ReceivedBy { get; init; }
    public required string RecordedBy { get; init; }
    public DateTime RecordedAt { get; init; }
}
