using GaLaAid.Api.Accounts;
using GaLaAid.Api.GraphQL;

namespace GaLaAid.Api.Recipients;

/// <summary>
/// What recipient lists can be filtered and sorted by. Household details are for the roles that may
/// read them; identity-document and phone numbers are not filterable at all, since staff only see
/// them masked and a filter would let them test the full value.
/// </summary>
public sealed class RecipientQuerySpec : QuerySpec<Recipient>
{
    public RecipientQuerySpec()
        : base("Recipient")
    {
        Id("id", "Recipient", r => r.Id, "The recipient's global id.", sort: true);
        Enum<RecipientKind, RecipientKindType>("kind", r => r.Kind, "Village committee, social unit or household.", sort: true);
        Field("name", r => r.Name, "The name as in the village register.", sort: true);
        Field("unitNumber", r => r.UnitNumber, "For a social unit, its number.", sort: true);
        Field("headOfHousehold", r => r.HeadOfHousehold, "For a household, the head of household. Not for volunteers.", true, Roles.Readers);
        Field("memberCount", r => r.MemberCount, "For a household, how many people it has. Not for volunteers.", true, Roles.Readers);
        Field("isRegisteredPoor", r => r.IsRegisteredPoor, "For a household, whether it is registered poor. Not for volunteers.", true, Roles.Readers);
        Field("note", r => r.Note, "Free-text note. Not for volunteers.", true, Roles.Readers);
        Field("recordedBy", r => r.RecordedBy, "Who registered the recipient.", sort: true);
        Field("recordedAt", r => r.RecordedAt, "When the recipient was registered (UTC).", sort: true);
        Related<Recipient, RecipientQuerySpec>("parent", "The level above: the unit of a household, the committee of a unit.", _ => (r, p) => p.Id == r.ParentId, RelatedSort.Optional);
    }
}
