using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GaLaAid.Api.Recipients;

internal sealed class RecipientConfiguration : IEntityTypeConfiguration<Recipient>
{
    public void Configure(EntityTypeBuilder<Recipient> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.HeadOfHousehold).HasMaxLength(100);
        builder.Property(r => r.Note).HasMaxLength(1000);
        builder.Property(r => r.IdNumber).HasMaxLength(18);
        builder.Property(r => r.Phone).HasMaxLength(20);
        builder.Property(r => r.RecordedBy).HasMaxLength(100);
        builder.HasOne<Recipient>().WithMany().HasForeignKey(r => r.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.ParentId, r.Id });
        builder.HasIndex(r => r.Kind);
    }
}
