using GaLaAid.Api.Recipients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GaLaAid.Api.Handovers;

internal sealed class HandoverConfiguration : IEntityTypeConfiguration<Handover>
{
    public void Configure(EntityTypeBuilder<Handover> builder)
    {
        builder.HasOne<Recipient>().WithMany().HasForeignKey(h => h.RecipientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(h => new { h.RecipientId, h.Id });
        builder.Property(h => h.HandedOverBy).HasMaxLength(100);
        builder.Property(h => h.ReceivedBy).HasMaxLength(100);
        builder.Property(h => h.Location).HasMaxLength(200);
        builder.Property(h => h.Note).HasMaxLength(1000);
        builder.Property(h => h.RecordedBy).HasMaxLength(100);
        builder.Property(h => h.IdempotencyKey).HasMaxLength(RecordHandover.MaxIdempotencyKeyLength);
        builder.Property(h => h.RequestFingerprint).HasMaxLength(64);
        // NULLs are distinct in a unique index (SQLite and PostgreSQL alike): handovers without a key never collide.
        builder.HasIndex(h => new { h.RecordedBy, h.IdempotencyKey }).IsUnique();
    }
}
