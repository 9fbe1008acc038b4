using GaLaAid.Api.Donations;
using GaLaAid.Api.Handovers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GaLaAid.Api.Stock;

internal sealed class StockItemConfiguration : IEntityTypeConfiguration<StockItem>
{
    public void Configure(EntityTypeBuilder<StockItem> builder)
    {
        builder.HasOne<DonationLine>().WithMany().HasForeignKey(i => i.DonationLineId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(i => i.LabelCode).HasMaxLength(32);
        builder.HasIndex(i => i.LabelCode).IsUnique();
        builder.HasIndex(i => new { i.DonationLineId, i.Id });
        // Covers the reconciliation's sum of cached on-hand quantities per line, without reading every item row.
        builder.HasIndex(i => new { i.DonationLineId, i.QuantityOnHand });
        builder.ToTable(t => t.HasCheckConstraint("CK_StockItems_QuantityOnHand_NotNegative", "\"QuantityOnHand\" >= 0"));
    }
}

internal sealed class StockEntryConfiguration : IEntityTypeConfiguration<StockEntry>
{
    public void Configure(EntityTypeBuilder<StockEntry> builder)
    {
        builder.HasOne<StockItem>().WithMany().HasForeignKey(e => e.StockItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Handover>().WithMany().HasForeignKey(e => e.HandoverId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StockEntry>().WithMany().HasForeignKey(e => e.ReversesEntryId).OnDelete(DeleteBehavior.Restrict);
        // One reversal per entry, enforced by the database even when two requests race.
        builder.HasIndex(e => e.ReversesEntryId).IsUnique();
        builder.HasIndex(e => new { e.StockItemId, e.Id });
        builder.HasIndex(e => new { e.HandoverId, e.Id });
        builder.Property(e => e.Reason).HasMaxLength(1000);
        builder.Property(e => e.RecordedBy).HasMaxLength(100);
    }
}
