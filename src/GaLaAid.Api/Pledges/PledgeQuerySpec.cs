using GaLaAid.Api.Categories;
using GaLaAid.Api.Donors;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Recipients;

namespace GaLaAid.Api.Pledges;

/// <summary>What pledge lists can be filtered and sorted by.</summary>
public sealed class PledgeQuerySpec : QuerySpec<Pledge>
{
    public PledgeQuerySpec()
        : base("Pledge")
    {
        Id("id", "Pledge", p => p.Id, "The pledge's global id.", sort: true);
        Related<Donor, DonorQuerySpec>("donor", "Who made the promise.", _ => (p, d) => d.Id == p.DonorId, RelatedSort.Required);
        Enum<PledgeKind, PledgeKindType>("kind", p => p.Kind, "Goods or cash.", sort: true);
        Field("description", p => p.Description, "What was promised.", sort: true);
        Field("promisedAmountFen", p => p.PromisedAmountFen, "For cash: the amount promised, in fen.", sort: true);
        Related<Category, CategoryQuerySpec>("promisedCategory", "For goods: the kind promised.", _ => (p, c) => c.Id == p.PromisedCategoryId, RelatedSort.Optional);
        Field("promisedQuantity", p => p.PromisedQuantity, "For goods: the quantity promised.", sort: true);
        Field("expectedOn", p => p.ExpectedOn, "When the donor expects to deliver.", sort: true);
        Related<Recipient, RecipientQuerySpec>("intendedRecipient", "Who the pledge is meant for.", _ => (p, r) => r.Id == p.IntendedRecipientId, RelatedSort.Optional);
        Field("recordedBy", p => p.RecordedBy, "Who recorded the pledge.", sort: true);
        Field("recordedAt", p => p.RecordedAt, "When it was recorded (UTC).", sort: true);
    }
}
