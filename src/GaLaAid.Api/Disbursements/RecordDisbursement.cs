using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.Funds;
using GaLaAid.Api.GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Disbursements;

public sealed record RecordDisbursementInput
{
    public string? FundId { get; init; }
    public string? RecipientId { get; init; }
    public long AmountFen { get; init; }
    public string? Purpose { get; init; }
    public DateOnly PaidOn { get; init; }
    public string? ReceivedBy { get; init; }
}

public sealed class RecordDisbursementInputType : InputObjectGraphType<RecordDisbursementInput>
{
    public RecordDisbursementInputType()
    {
        Name = "RecordDisbursementInput";
        Description = "Cash paid from a fund to a recipient.";
        Field<NonNullGraphType<IdGraphType>>("fundId").Description("The fund to pay from.");
        Field<NonNullGraphType<IdGraphType>>("recipientId").Description("Who receives the cash.");
        Field<NonNullGraphType<LongGraphType>>("amountFen").Description("Amount in fen (1 yuan = 100 fen): 50000 is 500 yuan.");
        Field<NonNullGraphType<StringGraphType>>("purpose").Description("What the cash is for, at most 500 characters.");
        Field<NonNullGraphType<DateOnlyGraphType>>("paidOn").Description("The day the cash was paid.");
        Field<StringGraphType>("receivedBy").Description("The name of the person taking the cash, at most 100 characters.");
    }
}

public static class RecordDisbursement
{
    public static void AddRecordDisbursement(this ObjectGraphType mutation) =>
        mutation.AddMutation<RecordDisbursementInputType, RecordDisbursementInput, DisbursementType>(
            "recordDisbursement",
            "Records cash paid from a fund to a recipient: the disbursement and a Disbursed entry, in one transaction. Refused, with nothing written, when the fund holds too little.",
            "disbursement",
            "The disbursement as stored.",
            Roles.Writers,
            async (ctx, input) => await HandleAsync(ctx.Service<AppDbContext>(), ctx.Service<CurrentActor>(), input, ctx.CancellationToken),
            typeof(FundOverdrawnErrorType));

    public static async Task<Disbursement> HandleAsync(AppDbContext db, CurrentActor actor, RecordDisbursementInput input, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var fundId = check.Id("fundId", input.FundId, "Fund");
        var recipientId = check.Id("recipientId", input.RecipientId, "Recipient");
        check.AmountFen("amountFen", input.AmountFen);
        var purpose = check.RequiredText("purpose", input.Purpose, 500);
        check.PastDate("paidOn", input.PaidOn, actor.Today);
        var receivedBy = check.Text("receivedBy", input.ReceivedBy, 100, required: false);
        check.ThrowIfAny();

        return await db.RunAsync(async () =>
        {
            var fund = await CashLedger.FindFundAsync(db, fundId, "fundId", input.FundId, cancellationToken);
            if (!await db.Recipients.AnyAsync(r => r.Id == recipientId, cancellationToken))
            {
                throw new DomainException(new NotFoundError("recipientId", "Recipient", input.RecipientId!));
            }

            var disbursement = new Disbursement
            {
                FundId = fundId,
                RecipientId = recipientId,
                AmountFen = input.AmountFen,
                Purpose = purpose,
                PaidOn = input.PaidOn,
                ReceivedBy = receivedBy,
                RecordedBy = actor.Name,
                RecordedAt = actor.Now,
            };
            db.Disbursements.Add(disbursement);
            await db.SaveChangesAsync(cancellationToken);
            await CashLedger.AppendAsync(db, actor, fund, LedgerEntryKind.Disbursed, -input.AmountFen, cancellationToken, disbursementId: disbursement.Id);
            return disbursement;
        }, cancellationToken);
    }
}
