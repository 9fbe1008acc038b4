using System.ComponentModel;

namespace GaLaAid.Api.Data;

/// <summary>Why a ledger entry moved goods or cash. Entries are only ever appended.</summary>
public enum LedgerEntryKind
{
    [Description("Goods or cash came in from a donation.")]
    Received,
    [Description("Goods went out in a handover.")]
    Distributed,
    [Description("Cash was paid out to a recipient.")]
    Disbursed,
    [Description("A correction with a reason: a count, a loss, damage.")]
    Adjusted,
    [Description("Cancels the entry it points at.")]
    Reversal,
}
