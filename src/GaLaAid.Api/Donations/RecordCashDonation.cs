using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.Donors;
using GaLaAid.Api.Funds;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Pledges;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Donations;

public sealed record RecordCashDonationInput
{
    public string? DonorId { get; init; }
    public string? FundId { get; init; }
    public long AmountFen { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public string? PledgeId { get; init; }
    public string? Note { get; init; }
}

public sealed class RecordCashDonationInputType : InputObjectGraphType<RecordCashDonationInput>
{
    public RecordCashDonationInputType()
    {
        Name = "RecordCashDonationInput";
        Description = "Cash received from a donor into a fund.";
        Field<NonNullGraphType<IdGraphType>>("donorId").Description("Who gave the cash.");
        Field<NonNullGraphType<IdGraphType>>("fundId").Description("The fund the cash goes into.");
        Field<NonNullGraphType<LongGraphType>>("amountFen").Description("Amount in fen (1 yuan = 100 fen): 500000 is 5,000 yuan.");
        Field<NonNullGraphType<DateOnlyGraphType>>("receivedOn").Description("The day the cash was received, e.g. 2016-03-18.");
        Field<IdGraphType>("pledgeId").Description("The donor's cash pledge this fulfils, if any.");
        Field<StringGraphType>("note").Description("Free-text note, at most 1000 characters.");
    }
}

public static class RecordCashDonation
{
    public static void AddRecordCashDonation(this ObjectGraphType mutation) =>
        mutation.AddMutation<RecordCashDonationInputType, RecordCashDonationInput, CashDonationType>(
            "recordCashDonation",
            "Records cash received from a donor: the donation and a Received entry in the fund, in one transaction.",
            "cashDonation",
            "The donation as stored.",
            Roles.Writers,
            async (ctx, input) => await HandleAsync(ctx.Service<AppDbContext>(), ctx.Service<CurrentActor>(), input, ctx.CancellationToken));

    public static async Task<CashDonation> HandleAsync(AppDbContext db, CurrentActor actor, RecordCashDonationInput input, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var donorId = check.Id("donorId", input.DonorId, "Donor");
        var fundId = check.Id("fundId", input.FundId, "Fund");
        var pledgeId = check.OptionalId("pledgeId", input.PledgeId, "Pledge");
        check.AmountFen("amountFen", input.AmountFen);
        check.PastDate("receivedOn", input.ReceivedOn, actor.Today);
        var note = check.Text("note", input.Note, 1000, required: false);
        check.ThrowIfAny();

        return await db.RunAsync(async () =>
        {
            if (!await db.Donors.AnyAsync(d => d.Id == donorId, cancellationToken))
            {
                throw new DomainException(new NotFoundError("donorId", "Donor", input.DonorId!));
            }

            var fund = await CashLedger.FindFundAsync(db, fundId, "fundId", input.FundId, cancellationToken);
            await PledgeRules.EnsureFulfillableAsync(db, pledgeId, input.PledgeId, donorId, PledgeKind.Cash, cancellationToken);
            var donation = new CashDonation
            {
                DonorId = donorId,
                FundId = fundId,
                AmountFen = input.AmountFen,
                ReceivedOn = input.ReceivedOn,
                PledgeId = pledgeId,
                Note = note,
                RecordedBy = actor.Name,
                RecordedAt = actor.Now,
            };
            db.CashDonations.Add(donation);
            await db.SaveChangesAsync(cancellationToken);
            await CashLedger.AppendAsync(db, actor, fund, LedgerEntryKind.Received, input.AmountFen, cancellationToken, cashDonationId: donation.Id);
            return donation;
        }, cancellationToken);
    }
}
