using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Stock;

public sealed record AdjustStockInput
{
    public string? ItemId { get; init; }
    public int QuantityChange { get; init; }
    public string? Reason { get; init; }
}

public sealed class AdjustStockInputType : InputObjectGraphType<AdjustStockInput>
{
    public AdjustStockInputType()
    {
        Name = "AdjustStockInput";
        Description = "A correction of an item's quantity on hand (count correction, loss, damage) with the reason for it.";
        Field<NonNullGraphType<IdGraphType>>("itemId").Description("The item to correct.");
        Field<NonNullGraphType<IntGraphType>>("quantityChange").Description("Signed change: negative for a loss, positive for a recount that found more. Not zero.");
        Field<NonNullGraphType<StringGraphType>>("reason").Description("Why, e.g. 运输途中损坏 (damaged in transport); at most 1000 characters.");
    }
}

public static class AdjustStock
{
    public static void AddAdjustStock(this ObjectGraphType mutation) =>
        mutation.AddMutation<AdjustStockInputType, AdjustStockInput, StockEntryType>(
            "adjustStock",
            "Appends an Adjusted entry to an item. Refused when it would make stock negative or give a per-unit item more than its one unit.",
            "entry",
            "The Adjusted entry as stored.",
            Roles.Writers,
            async (ctx, input) => await HandleAsync(ctx.Service<AppDbContext>(), ctx.Service<CurrentActor>(), input, ctx.CancellationToken),
            typeof(InsufficientStockErrorType));

    public static async Task<StockEntry> HandleAsync(AppDbContext db, CurrentActor actor, AdjustStockInput input, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var itemId = check.Id("itemId", input.ItemId, "Item");
        var reason = check.RequiredText("reason", input.Reason, 1000);
        if (input.QuantityChange == 0 || Math.Abs((long)input.QuantityChange) > InputCheck.MaxQuantity)
        {
            check.Fail("quantityChange", $"'quantityChange' must not be zero and at most {InputCheck.MaxQuantity} either way.");
        }

        check.ThrowIfAny();
        return await db.RunAsync(async () =>
        {
            var item = await db.StockItems.FirstOrDefaultAsync(i => i.Id == itemId, cancellationToken)
                ?? throw new DomainException(new NotFoundError("itemId", "Item", input.ItemId!));
            return await StockLedger.AppendAsync(db, actor, item, LedgerEntryKind.Adjusted, input.QuantityChange, cancellationToken, reason: reason, field: "quantityChange");
        }, cancellationToken);
    }
}
