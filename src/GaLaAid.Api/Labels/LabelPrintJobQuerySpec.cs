using GaLaAid.Api.GraphQL;

namespace GaLaAid.Api.Labels;

/// <summary>What the print history can be filtered and sorted by.</summary>
public sealed class LabelPrintJobQuerySpec : QuerySpec<LabelPrintJob>
{
    public LabelPrintJobQuerySpec()
        : base("LabelPrintJob")
    {
        Id("id", "LabelPrintJob", j => j.Id, "The job's global id.", sort: true);
        Field("printedBy", j => j.PrintedBy, "Who printed the sheet.", sort: true);
        Field("printedAt", j => j.PrintedAt, "When the sheet was printed (UTC).", sort: true);
        Field("layout", j => j.Layout, "The sheet layout.", sort: true);
        Enum<LabelPrintFormat, LabelPrintFormatType>("format", j => j.Format, "HTML page or PDF.");
        Field("selection", j => j.Selection, "What was asked for.");
        Field("labelCount", j => j.LabelCount, "How many labels the job printed.", sort: true);
        Field("reprintCount", j => j.ReprintCount, "How many of them had been printed before.", sort: true);
    }
}
