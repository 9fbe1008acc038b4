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

    /// <summary>
    /// The key the client sent so that a resend of the same request (after a timeout, a double tap or
    /// a reload) returns this handover instead of recording another; unique per recording user.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>SHA-256 of the request's normalised input, to tell a resend from a different request that reuses the key.</summary>
    public string? RequestFingerprint { get; init; }
}
