using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GaLaAid.Api.Funds;

internal sealed class FundConfiguration : IEntityTypeConfiguration<Fund>
{
    public void Configure(EntityTypeBuilder<Fund> builder)
    {
        builder.Property(f => f.Name).HasMaxLength(200);
        builder.HasIndex(f => f.Name).IsUnique();
        builder.Property(f => f.Purpose).HasMaxLength(1000);
        builder.Property(f => f.RecordedBy).HasMaxLength(100);
        builder.ToTable(t => t.HasCheckConstraint("CK_Funds_BalanceFen_NotNegative", "\"BalanceFen\" >= 0"));
    }
}

internal sealed class FundEntryConfiguration : IEntityTypeConfiguration<FundEntry>
{
    public void Configure(EntityTypeBuilder<FundEntry> builder)
    {
        builder.HasOne<Fund>().WithMany().HasForeignKey(e => e.FundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Donations.CashDonation>().WithMany().HasForeignKey(e => e.CashDonationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Disbursements.Disbursement>().WithMany().HasForeignKey(e => e.DisbursementId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<FundEntry>().WithMany().HasForeignKey(e => e.ReversesEntryId).OnDelete(DeleteBehavior.Restrict);
        // One reversal per entry, enforced by the database even when two requests race.
        builder.HasIndex(e => e.ReversesEntryId).IsUnique();
        builder.Property(e => e.Reason).HasMaxLength(1000);
        builder.Property(e => e.RecordedBy).HasMaxLength(100);
        builder.HasIndex(e => new { e.FundId, e.Id });
    }
}
