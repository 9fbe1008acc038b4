namespace GaLaAid.Api.Data;

/// <summary>Why a ledger entry moved goods or cash. Entries are only ever appended.</summary>
public enum LedgerEntryKind
{
    Received,
    Distributed,
    Disbursed,
    Adjusted,
    Reversal,
}
