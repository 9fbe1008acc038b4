using System.ComponentModel;
using GaLaAid.Api.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GaLaAid.Api.Labels;

public enum LabelPrintFormat
{
    [Description("A print-ready HTML page, printed from the browser.")]
    Html,

    [Description("A PDF file.")]
    Pdf,
}

/// <summary>One printing of a sheet of labels: who asked for it, when, in what layout. Append-only.</summary>
public sealed class LabelPrintJob
{
    public int Id { get; init; }
    public required string PrintedBy { get; init; }
    public DateTime PrintedAt { get; init; }
    public required string Layout { get; init; }
    public LabelPrintFormat Format { get; init; }

    /// <summary>What was asked for, as the query said it (e.g. <c>donationId=…</c> or <c>unprinted=true</c>).</summary>
    public required string Selection { get; init; }

    public int LabelCount { get; init; }

    /// <summary>How many of the job's labels carried a code that had been printed before.</summary>
    public int ReprintCount { get; init; }
}

/// <summary>One label of a print job. A label is a reprint when its code had been printed before.</summary>
public sealed class LabelPrint
{
    public long Id { get; init; }
    public int JobId { get; init; }
    public int StockItemId { get; init; }
    public required string LabelCode { get; init; }
    public bool IsReprint { get; init; }
}

internal sealed class LabelPrintJobConfiguration : IEntityTypeConfiguration<LabelPrintJob>
{
    public void Configure(EntityTypeBuilder<LabelPrintJob> builder)
    {
        builder.Property(j => j.PrintedBy).HasMaxLength(100);
        builder.Property(j => j.Layout).HasMaxLength(32);
        builder.Property(j => j.Format).HasConversion<string>().HasMaxLength(8);
        builder.Property(j => j.Selection).HasMaxLength(200);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_LabelPrintJobs_LabelCount_Positive", "\"LabelCount\" > 0");
            t.HasCheckConstraint("CK_LabelPrintJobs_ReprintCount_InRange", "\"ReprintCount\" >= 0 AND \"ReprintCount\" <= \"LabelCount\"");
        });
    }
}

internal sealed class LabelPrintConfiguration : IEntityTypeConfiguration<LabelPrint>
{
    public void Configure(EntityTypeBuilder<LabelPrint> builder)
    {
        builder.HasOne<LabelPrintJob>().WithMany().HasForeignKey(p => p.JobId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StockItem>().WithMany().HasForeignKey(p => p.StockItemId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.LabelCode).HasMaxLength(32);
        builder.HasIndex(p => new { p.JobId, p.Id });
        builder.HasIndex(p => new { p.StockItemId, p.Id });
        // "Was this code printed before?" and "which items were never printed?" both ask by code.
        builder.HasIndex(p => p.LabelCode);
    }
}
