using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Recipients;

namespace GaLaAid.Api.Handovers;

/// <summary>What handover lists can be filtered and sorted by.</summary>
public sealed class HandoverQuerySpec : QuerySpec<Handover>
{
    public HandoverQuerySpec()
        : base("Handover")
    {
        Id("id", "Handover", h => h.Id, "The handover's global id.", sort: true);
        Related<Recipient, RecipientQuerySpec>("recipient", "Who received the goods.", _ => (h, r) => r.Id == h.RecipientId, RelatedSort.Required);
        Field("handedOverBy", h => h.HandedOverBy, "The user who handed the goods over.", sort: true);
        Field("receivedBy", h => h.ReceivedBy, "The name of the person who took the goods.", sort: true);
        Field("handedOverAt", h => h.HandedOverAt, "When the goods changed hands (UTC).", sort: true);
        Field("location", h => h.Location, "Where the goods changed hands.", sort: true);
        Field("note", h => h.Note, "Free-text note.", sort: true);
        Field("recordedBy", h => h.RecordedBy, "Who recorded the handover.", sort: true);
        Field("recordedAt", h => h.RecordedAt, "When it was recorded (UTC).", sort: true);
    }
}
