using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GaLaAid.Api.Donors;

internal sealed class DonorConfiguration : IEntityTypeConfiguration<Donor>
{
    public void Configure(EntityTypeBuilder<Donor> builder)
    {
        builder.Property(d => d.Name).HasMaxLength(200);
        builder.Property(d => d.Contact).HasMaxLength(200);
        builder.Property(d => d.Note).HasMaxLength(1000);
        builder.Property(d => d.RecordedBy).HasMaxLength(100);
        builder.HasIndex(d => d.Name);
    }
}
