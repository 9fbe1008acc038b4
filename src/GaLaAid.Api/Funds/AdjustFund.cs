using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GraphQL.Types;

namespace GaLaAid.Api.Funds;

public sealed record AdjustFundInput
{
    public string? FundId { get; init; }
    public long AmountFenChange { get; init; }
    public string? Reason { get; init; }
}

public sealed class AdjustFundInputType : InputObjectGraphType<AdjustFundInput>
{
    public AdjustFundInputType()
    {
        Name = "AdjustFundInput";
        Description = "A correction of a fund's balance, e.g. after a cash count, with the reason for it.";
        Field<NonNullGraphType<IdGraphType>>("fundId").Description("The fund to correct.");
        Field<NonNullGraphType<LongGraphType>>("amountFenChange").Description("Signed change in fen: positive adds, negative removes. Not zero.");
        Field<NonNullGraphType<StringGraphType>>("reason").Description("Why the correction is needed, at most 1000 characters.");
    }
}

public static class AdjustFund
{
    public static void AddAdjustFund(this ObjectGraphType mutation) =>
        mutation.AddMutation<AdjustFundInputType, AdjustFundInput, FundEntryType>(
            "adjustFund",
            "Appends an Adjusted entry to a fund. Refused when it would make the balance negative.",
            "entry",
            "The Adjusted entry as stored.",
            Roles.Writers,
            async (ctx, input) => await HandleAsync(ctx.Service<AppDbContext>(), ctx.Service<CurrentActor>(), input, ctx.CancellationToken),
            typeof(FundOverdrawnErrorType));

    public static async Task<FundEntry> HandleAsync(AppDbContext db, CurrentActor actor, AdjustFundInput input, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var fundId = check.Id("fundId", input.FundId, "Fund");
        var reason = check.RequiredText("reason", input.Reason, 1000);
        // A range test, not Math.Abs: Math.Abs(long.MinValue) overflows.
        if (input.AmountFenChange is 0 or < -InputCheck.MaxAmountFen or > InputCheck.MaxAmountFen)
        {
            check.Fail("amountFenChange", $"'amountFenChange' must not be zero and at most {InputCheck.MaxAmountFen} fen either way.");
        }

        check.ThrowIfAny();
        return await db.RunAsync(async () =>
        {
            var fund = await CashLedger.FindFundAsync(db, fundId, "fundId", input.FundId, cancellationToken);
            return await CashLedger.AppendAsync(db, actor, fund, LedgerEntryKind.Adjusted, input.AmountFenChange, cancellationToken, reason: reason);
        }, cancellationToken);
    }
}
