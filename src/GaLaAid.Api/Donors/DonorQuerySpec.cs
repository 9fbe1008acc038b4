using GaLaAid.Api.Accounts;
using GaLaAid.Api.GraphQL;

namespace GaLaAid.Api.Donors;

/// <summary>What donor lists can be filtered and sorted by.</summary>
public sealed class DonorQuerySpec : QuerySpec<Donor>
{
    public DonorQuerySpec()
        : base("Donor")
    {
        Id("id", "Donor", d => d.Id, "The donor's global id.", sort: true);
        Field("name", d => d.Name, "The donor's name.", sort: true);
        Enum<DonorKind, DonorKindType>("kind", d => d.Kind, "What sort of giver the donor is.", sort: true);
        Field("contact", d => d.Contact, "How to reach the donor. Not for volunteers.", true, Roles.Readers);
        Field("note", d => d.Note, "Free-text note. Not for volunteers.", true, Roles.Readers);
        Field("recordedBy", d => d.RecordedBy, "Who registered the donor.", sort: true);
        Field("recordedAt", d => d.RecordedAt, "When the donor was registered (UTC).", sort: true);
    }
}
