using GaLaAid.Api.Categories;
using GaLaAid.Api.Donors;
using GaLaAid.Api.Funds;
using GaLaAid.Api.GraphQL;

namespace GaLaAid.Api.Donations;

/// <summary>What cash donation lists can be filtered and sorted by.</summary>
public sealed class CashDonationQuerySpec : QuerySpec<CashDonation>
{
    public CashDonationQuerySpec()
        : base("CashDonation")
    {
        Id("id", "CashDonation", d => d.Id, "The donation's global id.", sort: true);
        Related<Donor, DonorQuerySpec>("donor", "Who gave the cash.", _ => (d, donor) => donor.Id == d.DonorId, RelatedSort.Required);
        Related<Fund, FundQuerySpec>("fund", "The fund the cash went into.", _ => (d, f) => f.Id == d.FundId, RelatedSort.Required);
        Field("amountFen", d => d.AmountFen, "Amount in fen.", sort: true);
        Field("receivedOn", d => d.ReceivedOn, "The day the cash was received.", sort: true);
        Id("pledgeId", "Pledge", d => d.PledgeId, "The pledge the donation fulfils (eq: null for none).");
        Field("note", d => d.Note, "Free-text note.", sort: true);
        Field("recordedBy", d => d.RecordedBy, "Who recorded the donation.", sort: true);
        Field("recordedAt", d => d.RecordedAt, "When it was recorded (UTC).", sort: true);
    }
}

/// <summary>What in-kind donation lists can be filtered and sorted by.</summary>
public sealed class InKindDonationQuerySpec : QuerySpec<InKindDonation>
{
    public InKindDonationQuerySpec()
        : base("InKindDonation")
    {
        Id("id", "InKindDonation", d => d.Id, "The donation's global id.", sort: true);
        Related<Donor, DonorQuerySpec>("donor", "Who gave the goods.", _ => (d, donor) => donor.Id == d.DonorId, RelatedSort.Required);
        Field("receivedOn", d => d.ReceivedOn, "The day the goods were received.", sort: true);
        Field("note", d => d.Note, "Free-text note.", sort: true);
        Field("recordedBy", d => d.RecordedBy, "Who recorded the donation.", sort: true);
        Field("recordedAt", d => d.RecordedAt, "When it was recorded (UTC).", sort: true);
    }
}

/// <summary>What donation lines can be filtered and sorted by.</summary>
public sealed class DonationLineQuerySpec : QuerySpec<DonationLine>
{
    public DonationLineQuerySpec()
        : base("DonationLine")
    {
        Id("id", "DonationLine", l => l.Id, "The line's global id.", sort: true);
        Related<InKindDonation, InKindDonationQuerySpec>("donation", "The donation the line belongs to.", _ => (l, d) => d.Id == l.DonationId, RelatedSort.Required);
        Related<Category, CategoryQuerySpec>("category", "The kind of goods.", _ => (l, c) => c.Id == l.CategoryId, RelatedSort.Required);
        Field("description", l => l.Description, "What the goods are, as on the delivery note.", sort: true);
        Field("quantity", l => l.Quantity, "Quantity received.", sort: true);
        Field("unit", l => l.Unit, "The unit counted in.", sort: true);
        Field("estimatedUnitValueFen", l => l.EstimatedUnitValueFen, "Estimated value of one unit, in fen.", sort: true);
        Enum<ItemCondition, ItemConditionType>("condition", l => l.Condition, "The condition the goods arrived in.", sort: true);
        Enum<TrackingMode, TrackingModeType>("tracking", l => l.Tracking, "Per unit or lot.", sort: true);
    }
}
