using GaLaAid.Api.Funds;
using GaLaAid.Api.Recipients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GaLaAid.Api.Disbursements;

internal sealed class DisbursementConfiguration : IEntityTypeConfiguration<Disbursement>
{
    public void Configure(EntityTypeBuilder<Disbursement> builder)
    {
        builder.HasOne<Fund>().WithMany().HasForeignKey(d => d.FundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Recipient>().WithMany().HasForeignKey(d => d.RecipientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.RecipientId, d.Id });
        builder.Property(d => d.Purpose).HasMaxLength(500);
        builder.Property(d => d.ReceivedBy).HasMaxLength(100);
        builder.Property(d => d.RecordedBy).HasMaxLength(100);
        builder.ToTable(t => t.HasCheckConstraint("CK_Disbursements_AmountFen_Positive", "\"AmountFen\" > 0"));
    }
}
