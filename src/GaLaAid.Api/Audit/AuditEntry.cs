using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GaLaAid.Api.Audit;

/// <summary>
/// One write, as the tamper-evident trail keeps it: who did what, with which (masked) input, which
/// rows it wrote and what they held, chained to the entry before it by hash.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>1, 2, 3 … without gaps: the previous entry's sequence plus one, assigned inside the write's transaction.</summary>
    public long Sequence { get; init; }

    public DateTime RecordedAt { get; init; }
    public required string Actor { get; init; }

    /// <summary>The mutation's name (<c>recordInKindDonation</c>), or what else wrote: <c>bootstrapAdmin</c>, <c>migrate</c>, <c>seed:demo/…</c>.</summary>
    public required string Operation { get; init; }

    /// <summary>The operation's input as JSON, with identity numbers, phone numbers and secrets masked.</summary>
    public required string Input { get; init; }

    /// <summary>JSON list of the rows the operation wrote: table, id, inserted or updated, and the row's content hash.</summary>
    public required string Writes { get; init; }

    public required string PreviousHash { get; init; }

    /// <summary>SHA-256 (hex) over all the fields above, see <see cref="AuditHash.Entry"/>.</summary>
    public required string Hash { get; init; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.HasKey(e => e.Sequence);
        // Assigned by the writer, never by the database: a racing writer must collide on the key, not get the next number.
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.Actor).HasMaxLength(100);
        builder.Property(e => e.Operation).HasMaxLength(100);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => e.Operation);
        builder.HasIndex(e => e.Actor);
        builder.HasIndex(e => e.RecordedAt);
    }
}
