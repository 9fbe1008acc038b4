using GaLaAid.Api.GraphQL;

namespace GaLaAid.Api.Data;

/// <summary>Input of reverseStockEntry and reverseFundEntry: which entry to cancel, and why.</summary>
public sealed record ReverseEntryInput
{
    public string? EntryId { get; init; }
    public string? Reason { get; init; }
}

/// <summary>The rules every reversal follows, in the goods ledger and the cash ledger alike.</summary>
public static class Reversals
{
    /// <param name="alreadyReversed">
    /// Asks whether the entry was reversed. A function, not a running task: the query must not start
    /// before the kind check, nor still be running on the DbContext when that check throws.
    /// </param>
    public static async Task EnsureReversibleAsync(string entryType, long entryId, LedgerEntryKind kind, Func<Task<bool>> alreadyReversed)
    {
        if (kind == LedgerEntryKind.Reversal)
        {
            throw new DomainException(new ReversalRefusedError(
                ErrorCodes.CannotReverseReversal, entryType, entryId,
                "This entry is itself a reversal and cannot be reversed. Record the correct movement as a new entry instead."));
        }

        if (await alreadyReversed())
        {
            throw new DomainException(new ReversalRefusedError(
                ErrorCodes.AlreadyReversed, entryType, entryId,
                "This entry has already been reversed; an entry can be reversed only once."));
        }
    }
}
