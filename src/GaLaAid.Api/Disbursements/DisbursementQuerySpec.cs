using GaLaAid.Api.Funds;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Recipients;

namespace GaLaAid.Api.Disbursements;

/// <summary>What disbursement lists can be filtered and sorted by.</summary>
public sealed class DisbursementQuerySpec : QuerySpec<Disbursement>
{
    public DisbursementQuerySpec()
        : base("Disbursement")
    {
        Id("id", "Disbursement", d => d.Id, "The disbursement's global id.", sort: true);
        Related<Fund, FundQuerySpec>("fund", "The fund the cash came from.", _ => (d, f) => f.Id == d.FundId, RelatedSort.Required);
        Related<Recipient, RecipientQuerySpec>("recipient", "Who received the cash.", _ => (d, r) => r.Id == d.RecipientId, RelatedSort.Required);
        Field("amountFen", d => d.AmountFen, "Amount in fen.", sort: true);
        Field("purpose", d => d.Purpose, "What the cash is for.", sort: true);
        Field("paidOn", d => d.PaidOn, "The day the cash was paid.", sort: true);
        Field("receivedBy", d => d.ReceivedBy, "The name of the person who took the cash.", sort: true);
        Field("recordedBy", d => d.RecordedBy, "Who recorded the payment.", sort: true);
        Field("recordedAt", d => d.RecordedAt, "When it was recorded (UTC).", sort: true);
    }
}
