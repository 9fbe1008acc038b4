namespace GaLaAid.Api.Handovers;

/// <summary>Goods given to one recipient at one time; its lines are the Distributed stock entries that point at it.</summary>
public sealed class Handover
{
    public int Id { get; init; }
    public int RecipientId { get; init; }
    public required string HandedOverBy { get; init; }
    public required string ReceivedBy { get; init; }
    public DateTime HandedOverAt { get; init; }
    public string? Location { get; init; }
    public string? Note { get; init; }
    public required string RecordedBy { get; init; }
    public DateTime RecordedAt { get; init; }
}
