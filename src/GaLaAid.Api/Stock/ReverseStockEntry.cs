using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Stock;

public sealed class ReverseStockEntryInputType : InputObjectGraphType<ReverseEntryInput>
{
    public ReverseStockEntryInputType()
    {
        Name = "ReverseStockEntryInput";
        Description = "Cancels a goods entry that was recorded in error, by appending its opposite.";
        Field<NonNullGraphType<IdGraphType>>("entryId").Description("The StockEntry to cancel.");
        Field<NonNullGraphType<StringGraphType>>("reason").Description("Why it is cancelled, at most 1000 characters.");
    }
}

public static class ReverseStockEntry
{
    public static void AddReverseStockEntry(this ObjectGraphType mutation) =>
        mutation.AddMutation<ReverseStockEntryInputType, ReverseEntryInput, StockEntryType>(
            "reverseStockEntry",
            "Appends a Reversal entry that cancels a goods entry (e.g. a handover recorded for the wrong household). An entry is reversed at most once; a reversal cannot itself be reversed; a reversal that would make stock negative is refused.",
            "entry",
            "The Reversal entry as stored.",
            Roles.Writers,
            async (ctx, input) => await HandleAsync(ctx.Service<AppDbContext>(), ctx.Service<CurrentActor>(), input, ctx.CancellationToken),
            typeof(InsufficientStockErrorType),
            typeof(ReversalRefusedErrorType));

    public static async Task<StockEntry> HandleAsync(AppDbContext db, CurrentActor actor, ReverseEntryInput input, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var entryId = check.LongId("entryId", input.EntryId, "StockEntry");
        var reason = check.RequiredText("reason", input.Reason, 1000);
        check.ThrowIfAny();
        return await db.RunAsync(async () =>
        {
            var entry = await db.StockEntries.FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken)
                ?? throw new DomainException(new NotFoundError("entryId", "StockEntry", input.EntryId!));
            await Reversals.EnsureReversibleAsync(
                "StockEntry", entry.Id, entry.Kind, () => db.StockEntries.AnyAsync(e => e.ReversesEntryId == entry.Id, cancellationToken));
            var item = await db.StockItems.FirstAsync(i => i.Id == entry.StockItemId, cancellationToken);
            return await StockLedger.AppendAsync(
                db, actor, item, LedgerEntryKind.Reversal, -entry.Quantity, cancellationToken,
                handoverId: entry.HandoverId, reversesEntryId: entry.Id, reason: reason, field: "entryId");
        }, cancellationToken);
    }
}
