using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Stock;
using GraphQL;
using GraphQL.Types;

namespace GaLaAid.Api.Labels;

public sealed class LabelPrintFormatType : EnumerationGraphType<LabelPrintFormat>
{
    public LabelPrintFormatType()
    {
        Name = "LabelPrintFormat";
        Description = "What a label sheet was printed from: the HTML page (/labels/print) or the PDF (/labels/print.pdf).";
    }
}

public sealed class LabelPrintJobType : ObjectGraphType<LabelPrintJob>
{
    public LabelPrintJobType()
    {
        Name = "LabelPrintJob";
        Description = "One printing of label sheets: who printed which labels, when and how. Previews are not recorded.";
        Interface<NodeInterfaceType>();
        IsTypeOf = value => value is LabelPrintJob;
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id of this print job.")
            .Resolve(ctx => GlobalId.Encode(Name, ctx.Source.Id));
        Field(j => j.PrintedBy).Description("Who printed the sheet (user name).");
        Field(j => j.PrintedAt).Description("When the sheet was printed (UTC).");
        Field(j => j.Layout).Description("The sheet layout: a4-3x8, a4-2x5 or thermal-50x30.");
        Field<NonNullGraphType<LabelPrintFormatType>>("format").Description("HTML page or PDF.").Resolve(ctx => ctx.Source.Format);
        Field(j => j.Selection).Description("What was asked for, e.g. 'donationId=…', 'itemIds: 3 items' or 'unprinted=true'.");
        Field(j => j.LabelCount).Description("How many labels the job printed.");
        Field(j => j.ReprintCount).Description("How many of them carried a code that had been printed before.");
        Field<NonNullGraphType<ConnectionGraphType<LabelPrintType>>>("labels")
            .Description("The labels of this job, in print order unless 'order' says otherwise.")
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<LabelPrintQuerySpec>())
            .Resolve(ctx => ctx.ChildConnection(
                "JobLabels", ctx.Source.Id,
                (db, ids) => db.LabelPrints.Where(p => ids.Contains(p.JobId)),
                p => p.JobId, p => p.Id, QuerySpecs.Of<LabelPrintQuerySpec>()));
    }
}

public sealed class LabelPrintType : ObjectGraphType<LabelPrint>
{
    public LabelPrintType()
    {
        Name = "LabelPrint";
        Description = "One label printed in a print job.";
        Field<NonNullGraphType<ItemType>>("item").Description("The item the label is for.")
            .Resolve(ctx => ctx.LoadById<StockItem>(ctx.Source.StockItemId));
        Field(p => p.LabelCode).Description("The code printed on the label.");
        Field(p => p.IsReprint).Description("True when this code had been printed before this job.");
        Field<NonNullGraphType<LabelPrintJobType>>("job").Description("The print job this label was printed in.")
            .Resolve(ctx => ctx.LoadById<LabelPrintJob>(ctx.Source.JobId));
    }
}

public static class LabelPrintQueries
{
    public static void AddLabelPrintQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<LabelPrintJobType>>>("labelPrintJobs")
            .AllowRoles(Roles.Readers)
            .Description("The label print history, newest job first.")
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<LabelPrintJobQuerySpec>())
            // Keyset paging runs on an ascending key; counting down from int.MaxValue makes it newest first.
            .ResolveAsync(async ctx => await ctx.PageAsync(
                ctx.Service<AppDbContext>().LabelPrintJobs, j => int.MaxValue - j.Id, QuerySpecs.Of<LabelPrintJobQuerySpec>()));

    /// <summary>Adds <c>Item.labelPrints</c>: every printing of the item's labels, oldest first.</summary>
    public static void AddLabelPrintsField(this ObjectGraphType<StockItem> item) =>
        item.Field<NonNullGraphType<ConnectionGraphType<LabelPrintType>>>("labelPrints")
            .Description("Every printing of this item's labels, reprints included, oldest first unless 'order' says otherwise. Not for volunteers.")
            .AllowRoles(Roles.Readers)
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<LabelPrintQuerySpec>())
            .Resolve(ctx => ctx.ChildConnection(
                "ItemLabelPrints", ctx.Source.Id,
                (db, ids) => db.LabelPrints.Where(p => ids.Contains(p.StockItemId)),
                p => p.StockItemId, p => p.Id, QuerySpecs.Of<LabelPrintQuerySpec>()));
}
