namespace GaLaAid.Api.Funds;

/// <summary>Where cash sits and what it may be spent on.</summary>
public sealed class Fund
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public string? Purpose { get; init; }

    /// <summary>
    /// Cached sum of this fund's entries, in fen. Changed only by a guarded update in the same
    /// transaction as the entry that moves it, so it can never disagree with the ledger.
    /// </summary>
    public long BalanceFen { get; init; }

    public required string RecordedBy { get; init; }
    public DateTime RecordedAt { get; init; }
}
