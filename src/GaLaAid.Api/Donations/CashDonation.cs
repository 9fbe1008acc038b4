namespace GaLaAid.Api.Donations;

/// <summary>Cash given by a donor into a fund. Its money enters the fund through a Received entry.</summary>
public sealed class CashDonation
{
    public int Id { get; init; }
    public int DonorId { get; init; }
    public int FundId { get; init; }
    public long AmountFen { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public int? PledgeId { get; init; }
    public string? Note { get; init; }
    public required string RecordedBy { get; init; }
    public DateTime RecordedAt { get; init; }
}
