using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;

namespace GaLaAid.Api.Funds;

/// <summary>What fund lists can be filtered and sorted by.</summary>
public sealed class FundQuerySpec : QuerySpec<Fund>
{
    public FundQuerySpec()
        : base("Fund")
    {
        Id("id", "Fund", f => f.Id, "The fund's global id.", sort: true);
        Field("name", f => f.Name, "The fund's name.", sort: true);
        Field("purpose", f => f.Purpose, "What the fund's money may be spent on.", sort: true);
        Field("balanceFen", f => f.BalanceFen, "The balance in fen.", sort: true);
        Field("recordedBy", f => f.RecordedBy, "Who opened the fund.", sort: true);
        Field("recordedAt", f => f.RecordedAt, "When the fund was opened (UTC).", sort: true);
    }
}

/// <summary>What cash ledger lists can be filtered and sorted by.</summary>
public sealed class FundEntryQuerySpec : QuerySpec<FundEntry>
{
    public FundEntryQuerySpec()
        : base("FundEntry")
    {
        Id("id", "FundEntry", e => e.Id, "The entry's global id.", sort: true);
        Related<Fund, FundQuerySpec>("fund", "The fund the entry moved.", _ => (e, f) => f.Id == e.FundId, RelatedSort.Required);
        Enum<LedgerEntryKind, LedgerEntryKindType>("kind", e => e.Kind, "Why the cash moved.", sort: true);
        Field("amountFen", e => e.AmountFen, "Signed amount in fen.", sort: true);
        Field("reason", e => e.Reason, "Why an adjustment or reversal was made.", sort: true);
        Field("recordedBy", e => e.RecordedBy, "Who recorded the entry.", sort: true);
        Field("recordedAt", e => e.RecordedAt, "When the entry was recorded (UTC).", sort: true);
    }
}
