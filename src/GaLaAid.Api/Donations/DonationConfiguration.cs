using GaLaAid.Api.Categories;
using GaLaAid.Api.Donors;
using GaLaAid.Api.Funds;
using GaLaAid.Api.Pledges;
using GaLaAid.Api.Recipients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GaLaAid.Api.Donations;

internal sealed class CashDonationConfiguration : IEntityTypeConfiguration<CashDonation>
{
    public void Configure(EntityTypeBuilder<CashDonation> builder)
    {
        builder.HasOne<Donor>().WithMany().HasForeignKey(d => d.DonorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Fund>().WithMany().HasForeignKey(d => d.FundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Pledge>().WithMany().HasForeignKey(d => d.PledgeId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.Note).HasMaxLength(1000);
        builder.Property(d => d.RecordedBy).HasMaxLength(100);
        builder.ToTable(t => t.HasCheckConstraint("CK_CashDonations_AmountFen_Positive", "\"AmountFen\" > 0"));
    }
}

internal sealed class InKindDonationConfiguration : IEntityTypeConfiguration<InKindDonation>
{
    public void Configure(EntityTypeBuilder<InKindDonation> builder)
    {
        builder.HasOne<Donor>().WithMany().HasForeignKey(d => d.DonorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Pledge>().WithMany().HasForeignKey(d => d.PledgeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(d => d.Lines).WithOne().HasForeignKey(l => l.DonationId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.Note).HasMaxLength(1000);
        builder.Property(d => d.RecordedBy).HasMaxLength(100);
    }
}

internal sealed class DonationLineConfiguration : IEntityTypeConfiguration<DonationLine>
{
    public void Configure(EntityTypeBuilder<DonationLine> builder)
    {
        builder.HasOne<Category>().WithMany().HasForeignKey(l => l.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Recipient>().WithMany().HasForeignKey(l => l.PlannedRecipientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.DonationId, l.LineNumber }).IsUnique();
        builder.Property(l => l.Description).HasMaxLength(500);
        builder.Property(l => l.Unit).HasMaxLength(16);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_DonationLines_Quantity_Positive", "\"Quantity\" > 0");
            t.HasCheckConstraint("CK_DonationLines_EstimatedUnitValueFen_NotNegative", "\"EstimatedUnitValueFen\" >= 0");
        });
    }
}
