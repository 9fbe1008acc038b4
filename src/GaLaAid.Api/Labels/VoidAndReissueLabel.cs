using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Stock;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Labels;

public sealed record VoidAndReissueLabelInput
{
    public string? ItemId { get; init; }
    public string? LabelCode { get; init; }
    public string? Reason { get; init; }
}

public sealed class VoidAndReissueLabelInputType : InputObjectGraphType<VoidAndReissueLabelInput>
{
    public VoidAndReissueLabelInputType()
    {
        Name = "VoidAndReissueLabelInput";
        Description = "The label to void, named by its item's id or by its code (exactly one of the two), and why.";
        Field<IdGraphType>("itemId").Description("The item whose current label is voided.");
        Field<StringGraphType>("labelCode").Description("The code of the label to void, in any case, with or without dashes.");
        Field<NonNullGraphType<StringGraphType>>("reason")
            .Description($"Why the label is voided, e.g. 标签破损 (label damaged); at most {LabelReissue.MaxReasonLength} characters.");
    }
}

public static class VoidAndReissueLabel
{
    public static void AddVoidAndReissueLabel(this ObjectGraphType mutation) =>
        mutation.AddMutation<VoidAndReissueLabelInputType, VoidAndReissueLabelInput, ItemType>(
            "voidAndReissueLabel",
            "Voids an item's label (damaged, lost, unreadable) and issues a new code for the item, recorded with the reason. "
                + "The old code then answers LABEL_VOIDED wherever it is used. Refused, with nothing written, when the label was already voided.",
            "item",
            "The item, carrying its new code.",
            Roles.Writers,
            async (ctx, input) => await HandleAsync(ctx.Service<AppDbContext>(), ctx.Service<CurrentActor>(), input, ctx.CancellationToken),
            typeof(LabelVoidedErrorType));

    public static async Task<StockItem> HandleAsync(AppDbContext db, CurrentActor actor, VoidAndReissueLabelInput input, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        int? itemId = null;
        string? code = null;
        if ((input.ItemId is null) == (input.LabelCode is null))
        {
            check.Fail("itemId", "Name the label by exactly one of 'itemId' or 'labelCode'.");
        }
        else if (input.ItemId is not null)
        {
            itemId = check.Id("itemId", input.ItemId, "Item");
        }
        else if (LabelCode.TryNormalize(input.LabelCode, out var canonical))
        {
            code = canonical;
        }
        else
        {
            check.Fail("labelCode", LabelErrorCodes.InvalidLabelCodeMessage);
        }

        var reason = check.RequiredText("reason", input.Reason, LabelReissue.MaxReasonLength);
        check.ThrowIfAny();

        var field = itemId is null ? "labelCode" : "itemId";
        return await db.RunAsync(async () =>
        {
            var item = itemId is { } id
                ? await db.StockItems.FirstOrDefaultAsync(i => i.Id == id, cancellationToken)
                : await db.StockItems.FirstOrDefaultAsync(i => i.LabelCode == code, cancellationToken);
            if (item is null)
            {
                var voided = code is null ? null : await LabelLedger.FindVoidedAsync(db, code, cancellationToken);
                throw new DomainException(voided is null
                    ? new NotFoundError(field, "Item", input.ItemId ?? code!)
                    : new LabelVoidedError(field, voided));
            }

            var reissue = await LabelLedger.ReissueAsync(db, actor, item, reason, field, cancellationToken);
            return await db.StockItems.FirstAsync(i => i.Id == reissue.StockItemId, cancellationToken);
        }, cancellationToken);
    }
}
