using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Funds;

public sealed class ReverseFundEntryInputType : InputObjectGraphType<ReverseEntryInput>
{
    public ReverseFundEntryInputType()
    {
        Name = "ReverseFundEntryInput";
        Description = "Cancels a cash entry that was recorded in error, by appending its opposite.";
        Field<NonNullGraphType<IdGraphType>>("entryId").Description("The FundEntry to cancel.");
        Field<NonNullGraphType<StringGraphType>>("reason").Description("Why it is cancelled, at most 1000 characters.");
    }
}

public static class ReverseFundEntry
{
    public static void AddReverseFundEntry(this ObjectGraphType mutation) =>
        mutation.AddMutation<ReverseFundEntryInputType, ReverseEntryInput, FundEntryType>(
            "reverseFundEntry",
            "Appends a Reversal entry that cancels a cash entry. An entry is reversed at most once; a reversal cannot itself be reversed; a reversal that would overdraw the fund is refused.",
            "entry",
            "The Reversal entry as stored.",
            Roles.Writers,
            async (ctx, input) => await HandleAsync(ctx.Service<AppDbContext>(), ctx.Service<CurrentActor>(), input, ctx.CancellationToken),
            typeof(FundOverdrawnErrorType),
            typeof(ReversalRefusedErrorType));

    public static async Task<FundEntry> HandleAsync(AppDbContext db, CurrentActor actor, ReverseEntryInput input, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var entryId = check.LongId("entryId", input.EntryId, "FundEntry");
        var reason = check.RequiredText("reason", input.Reason, 1000);
        check.ThrowIfAny();
        return await db.RunAsync(async () =>
        {
            var entry = await db.FundEntries.FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken)
                ?? throw new DomainException(new NotFoundError("entryId", "FundEntry", input.EntryId!));
            await Reversals.EnsureReversibleAsync(
                "FundEntry", entry.Id, entry.Kind, () => db.FundEntries.AnyAsync(e => e.ReversesEntryId == entry.Id, cancellationToken));
            var fund = await db.Funds.FirstAsync(f => f.Id == entry.FundId, cancellationToken);
            return await CashLedger.AppendAsync(
                db, actor, fund, LedgerEntryKind.Reversal, -entry.AmountFen, cancellationToken,
                cashDonationId: entry.CashDonationId, disbursementId: entry.DisbursementId, reversesEntryId: entry.Id, reason: reason);
        }, cancellationToken);
    }
}
