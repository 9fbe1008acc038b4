using System.ComponentModel;

namespace GaLaAid.Api.Donations;

public enum ItemCondition
{
    [Description("Unused.")]
    New,
    [Description("Used but in good order.")]
    Good,
    [Description("Used, with signs of wear.")]
    Used,
    [Description("Damaged; may need repair.")]
    Damaged,
}

public enum TrackingMode
{
    /// <summary>Each physical unit is its own stock item with its own label.</summary>
    [Description("Each physical unit is its own labelled item.")]
    PerUnit,

    /// <summary>The whole line is one labelled lot that can be handed over in parts.</summary>
    [Description("The whole line is one labelled lot, handed over in parts.")]
    Lot,
}

/// <summary>Goods given by a donor, one line per kind.</summary>
public sealed class InKindDonation
{
    public int Id { get; init; }
    public int DonorId { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public int? PledgeId { get; init; }
    public string? Note { get; init; }
    public required string RecordedBy { get; init; }
    public DateTime RecordedAt { get; init; }
    public List<DonationLine> Lines { get; init; } = [];
}

/// <summary>One kind of goods in an in-kind donation.</summary>
public sealed class DonationLine
{
    public int Id { get; init; }
    public int DonationId { get; init; }
    public int LineNumber { get; init; }
    public int CategoryId { get; init; }
    public required string Description { get; init; }
    public int Quantity { get; init; }
    public required string Unit { get; init; }
    public long EstimatedUnitValueFen { get; init; }
    public ItemCondition Condition { get; init; }
    public TrackingMode Tracking { get; init; }
    public int? PlannedRecipientId { get; init; }
}
