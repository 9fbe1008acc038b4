using System.ComponentModel;

namespace GaLaAid.Api.Pledges;

public enum PledgeKind
{
    [Description("A promise of goods.")]
    Goods,
    [Description("A promise of cash.")]
    Cash,
}

/// <summary>A donor's promise of goods or cash, fulfilled by the donations linked to it.</summary>
public sealed class Pledge
{
    public int Id { get; init; }
    public int DonorId { get; init; }
    public PledgeKind Kind { get; init; }
    public required string Description { get; init; }
    public long? PromisedAmountFen { get; init; }
    public int? PromisedCategoryId { get; init; }
    public int? PromisedQuantity { get; init; }
    public string? PromisedUnit { get; init; }
    public DateOnly? ExpectedOn { get; init; }
    public int? IntendedRecipientId { get; init; }
    public required string RecordedBy { get; init; }
    public DateTime RecordedAt { get; init; }
}
