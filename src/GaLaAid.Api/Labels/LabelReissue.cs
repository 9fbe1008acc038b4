using GaLaAid.Api.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GaLaAid.Api.Labels;

/// <summary>
/// One voided label and the code issued in its place, appended and never changed. The item's
/// current code (<see cref="StockItem.LabelCode"/>) is a cache of the last row's <see cref="NewCode"/>.
/// </summary>
public sealed class LabelReissue
{
    public const int MaxReasonLength = 500;

    public int Id { get; init; }
    public int StockItemId { get; init; }
    public required string VoidedCode { get; init; }
    public required string NewCode { get; init; }

    /// <summary>Why the old label was voided, e.g. 标签被雨水泡坏 (label soaked by rain).</summary>
    public required string Reason { get; init; }

    public required string RecordedBy { get; init; }
    public DateTime RecordedAt { get; init; }
}

internal sealed class LabelReissueConfiguration : IEntityTypeConfiguration<LabelReissue>
{
    public void Configure(EntityTypeBuilder<LabelReissue> builder)
    {
        builder.HasOne<StockItem>().WithMany().HasForeignKey(r => r.StockItemId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.VoidedCode).HasMaxLength(32);
        builder.Property(r => r.NewCode).HasMaxLength(32);
        // A code is voided at most once and issued at most once, even when two requests race.
        builder.HasIndex(r => r.VoidedCode).IsUnique();
        builder.HasIndex(r => r.NewCode).IsUnique();
        builder.HasIndex(r => new { r.StockItemId, r.Id });
        builder.Property(r => r.Reason).HasMaxLength(LabelReissue.MaxReasonLength);
        builder.Property(r => r.RecordedBy).HasMaxLength(100);
    }
}
