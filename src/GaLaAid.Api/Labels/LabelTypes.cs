using System.ComponentModel;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Stock;
using GraphQL;
using GraphQL.Types;

namespace GaLaAid.Api.Labels;

public enum LabelImageFormat
{
    [Description("A PNG bitmap (1-bit grey), for printing and for screens.")]
    Png,

    [Description("An SVG drawing, sharp at any print size.")]
    Svg,
}

public sealed class LabelImageFormatType : EnumerationGraphType<LabelImageFormat>
{
    public LabelImageFormatType()
    {
        Name = "LabelImageFormat";
        Description = "The image formats a label can be fetched in.";
    }
}

public enum LabelStatus
{
    [Description("The code the item carries now; it resolves to the item.")]
    Active,

    [Description("A code the item carried before its label was voided; it answers LABEL_VOIDED.")]
    Voided,
}

public sealed class LabelStatusType : EnumerationGraphType<LabelStatus>
{
    public LabelStatusType()
    {
        Name = "LabelStatus";
        Description = "Whether a code is an item's current label or a voided one.";
    }
}

/// <summary>One code an item has carried, from its issue to its voiding (if it was voided).</summary>
public sealed record LabelIssue(
    string Code,
    LabelStatus Status,
    DateTime IssuedAt,
    string IssuedBy,
    DateTime? VoidedAt,
    string? VoidedBy,
    string? Reason,
    string? ReplacedBy)
{
    /// <summary>
    /// The codes of one item, oldest first: the code it was received with (issued by the Received
    /// entry), then each reissue's new code. Every code but the last was voided by the next reissue.
    /// </summary>
    public static IReadOnlyList<LabelIssue> History(StockItem item, StockEntry received, IReadOnlyList<LabelReissue> reissues)
    {
        var history = new List<LabelIssue>(reissues.Count + 1);
        var code = reissues.Count > 0 ? reissues[0].VoidedCode : item.LabelCode;
        var issuedAt = received.RecordedAt;
        var issuedBy = received.RecordedBy;
        foreach (var reissue in reissues)
        {
            history.Add(new LabelIssue(code, LabelStatus.Voided, issuedAt, issuedBy, reissue.RecordedAt, reissue.RecordedBy, reissue.Reason, reissue.NewCode));
            (code, issuedAt, issuedBy) = (reissue.NewCode, reissue.RecordedAt, reissue.RecordedBy);
        }

        history.Add(new LabelIssue(code, LabelStatus.Active, issuedAt, issuedBy, null, null, null, null));
        return history;
    }
}

public sealed class LabelIssueType : ObjectGraphType<LabelIssue>
{
    public LabelIssueType()
    {
        Name = "LabelIssue";
        Description = "One code an item has carried: when it was issued and, if it was voided, when, by whom, why and what replaced it.";
        Field(l => l.Code).Description("The label code.");
        Field<NonNullGraphType<LabelStatusType>>("status").Description("ACTIVE for the item's current code, VOIDED for an earlier one.").Resolve(ctx => ctx.Source.Status);
        Field(l => l.IssuedAt).Description("When the code was issued (UTC): when the item was received, or when the code replaced a voided one.");
        Field(l => l.IssuedBy).Description("Who issued the code: who received the item, or who reissued its label.");
        Field(l => l.VoidedAt, nullable: true).Description("When the code was voided (UTC); null while it is active.");
        Field(l => l.VoidedBy, nullable: true).Description("Who voided the code; null while it is active.");
        Field(l => l.Reason, nullable: true).Description("Why the code was voided; null while it is active.");
        Field(l => l.ReplacedBy, nullable: true).Description("The code issued in place of this one; null while it is active.");
    }
}

public static class ItemLabelFields
{
    /// <summary>The label fields of Item: where its QR points, where its image is, and every code it has carried.</summary>
    public static void AddLabelFields(this ObjectGraphType<StockItem> item)
    {
        item.Field<NonNullGraphType<StringGraphType>>("labelUrl")
            .Description("What the item's QR label encodes: its handover page, {PublicBaseUrl}/h/{labelCode}.")
            .Resolve(ctx => ctx.Service<LabelUrls>().HandoverPage(ctx.Source.LabelCode));
        item.Field<NonNullGraphType<StringGraphType>>("labelImageUrl")
            .Description("The address of the item's label image (QR code with the code beneath it); add ?scale=2..20 for pixels per module (default 8).")
            .Argument<LabelImageFormatType>("format", "The image format.", argument => argument.DefaultValue = LabelImageFormat.Png)
            .Resolve(ctx => ctx.Service<LabelUrls>().Image(
                ctx.Source.LabelCode, ctx.GetArgument<LabelImageFormat>("format") == LabelImageFormat.Svg ? "svg" : "png"));
        item.Field<NonNullGraphType<ListGraphType<NonNullGraphType<LabelIssueType>>>>("labelHistory")
            .Description("Every code this item has carried, oldest first; the last is its current code.")
            .Resolve(ctx =>
            {
                var source = ctx.Source;
                return ctx.LoadChildren(
                        "ItemLabelReissues", source.Id,
                        (db, ids) => db.LabelReissues.Where(r => ids.Contains(r.StockItemId)).OrderBy(r => r.Id),
                        r => r.StockItemId)
                    .Then(reissues => ctx.LoadChildren(
                            "ItemReceivedEntries", source.Id,
                            (db, ids) => db.StockEntries.Where(e => ids.Contains(e.StockItemId) && e.Kind == LedgerEntryKind.Received).OrderBy(e => e.Id),
                            e => e.StockItemId)
                        .Then(received => LabelIssue.History(source, received[0], reissues)));
            });
    }
}
