using GaLaAid.Api.Categories;
using GaLaAid.Api.Donors;
using GaLaAid.Api.Recipients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GaLaAid.Api.Pledges;

internal sealed class PledgeConfiguration : IEntityTypeConfiguration<Pledge>
{
    public void Configure(EntityTypeBuilder<Pledge> builder)
    {
        builder.HasOne<Donor>().WithMany().HasForeignKey(p => p.DonorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Category>().WithMany().HasForeignKey(p => p.PromisedCategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Recipient>().WithMany().HasForeignKey(p => p.IntendedRecipientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.Description).HasMaxLength(1000);
        builder.Property(p => p.PromisedUnit).HasMaxLength(16);
        builder.Property(p => p.RecordedBy).HasMaxLength(100);
    }
}
