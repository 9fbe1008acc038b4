using GaLaAid.Api.GraphQL;

namespace GaLaAid.Api.Audit;

/// <summary>What the audit trail can be filtered and sorted by.</summary>
public sealed class AuditEntryQuerySpec : QuerySpec<AuditEntry>
{
    public AuditEntryQuerySpec()
        : base("AuditEntry")
    {
        Field("sequence", e => e.Sequence, "The entry's position in the trail.", sort: true);
        Field("recordedAt", e => e.RecordedAt, "When the write committed (UTC).", sort: true);
        Field("actor", e => e.Actor, "Who wrote.", sort: true);
        Field("operation", e => e.Operation, "What ran, e.g. recordHandover.", sort: true);
        Field("input", e => e.Input, "The operation's input as JSON (numbers masked as stored), e.g. contains: a name.");
    }
}
