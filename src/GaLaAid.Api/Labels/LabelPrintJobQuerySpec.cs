using GaLaAid.Api.Stock;
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

/// <summary>What the labels of a print job, or the printings of an item, can be filtered and sorted by.</summary>
public sealed class LabelPrintQuerySpec : QuerySpec<LabelPrint>
{
    public LabelPrintQuerySpec()
        : base("LabelPrint")
    {
        Field("labelCode", p => p.LabelCode, "The code printed on the label.", sort: true);
        Field("isReprint", p => p.IsReprint, "True when the code had been printed before the job.", sort: true);
        Related<StockItem, ItemQuerySpec>("item", "The item the label is for.", _ => (p, i) => i.Id == p.StockItemId, RelatedSort.Required);
        Related<LabelPrintJob, LabelPrintJobQuerySpec>("job", "The print job the label was printed in.", _ => (p, j) => j.Id == p.JobId, RelatedSort.Required);
    }
}
