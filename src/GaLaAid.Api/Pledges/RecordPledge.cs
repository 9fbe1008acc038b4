using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Pledges;

public sealed record RecordPledgeInput
{
    public string? DonorId { get; init; }
    public PledgeKind Kind { get; init; }
    public string? Description { get; init; }
    public long? PromisedAmountFen { get; init; }
    public string? PromisedCategoryId { get; init; }
    public int? PromisedQuantity { get; init; }
    public string? PromisedUnit { get; init; }
    public DateOnly? ExpectedOn { get; init; }
    public string? IntendedRecipientId { get; init; }
}

public sealed class RecordPledgeInputType : InputObjectGraphType<RecordPledgeInput>
{
    public RecordPledgeInputType()
    {
        Name = "RecordPledgeInput";
        Description = "A donor's promise of goods or cash.";
        Field<NonNullGraphType<IdGraphType>>("donorId").Description("Who promises.");
        Field<NonNullGraphType<PledgeKindType>>("kind").Description("GOODS or CASH.");
        Field<NonNullGraphType<StringGraphType>>("description").Description("What is promised, at most 1000 characters.");
        Field<LongGraphType>("promisedAmountFen").Description("For CASH: the amount promised, in fen (required).");
        Field<IdGraphType>("promisedCategoryId").Description("For GOODS: the kind promised, if one kind.");
        Field<IntGraphType>("promisedQuantity").Description("For GOODS: the quantity promised.");
        Field<StringGraphType>("promisedUnit").Description("For GOODS: the unit of the quantity, at most 16 characters.");
        Field<DateOnlyGraphType>("expectedOn").Description("When the donor expects to deliver.");
        Field<IdGraphType>("intendedRecipientId").Description("Who the pledge is meant for, if said.");
    }
}

public static class RecordPledge
{
    public static void AddRecordPledge(this ObjectGraphType mutation) =>
        mutation.AddMutation<RecordPledgeInputType, RecordPledgeInput, PledgeType>(
            "recordPledge",
            "Records a donor's promise of goods or cash; donations that fulfil it name it in 'pledgeId'.",
            "pledge",
            "The pledge as stored.",
            Roles.Writers,
            async (ctx, input) => await HandleAsync(ctx.Service<AppDbContext>(), ctx.Service<CurrentActor>(), input, ctx.CancellationToken));

    public static async Task<Pledge> HandleAsync(AppDbContext db, CurrentActor actor, RecordPledgeInput input, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var donorId = check.Id("donorId", input.DonorId, "Donor");
        var description = check.RequiredText("description", input.Description, 1000);
        var categoryId = check.OptionalId("promisedCategoryId", input.PromisedCategoryId, "Category");
        var recipientId = check.OptionalId("intendedRecipientId", input.IntendedRecipientId, "Recipient");
        var unit = check.Text("promisedUnit", input.PromisedUnit, 16, required: false);
        check.ExpectedDate("expectedOn", input.ExpectedOn, actor.Today);
        if (input.Kind == PledgeKind.Cash)
        {
            if (input.PromisedAmountFen is { } amount)
            {
                check.AmountFen("promisedAmountFen", amount);
            }
            else
            {
                check.Fail("promisedAmountFen", "A cash pledge needs the amount promised, in fen, in 'promisedAmountFen'.");
            }
        }
        else if (input.PromisedAmountFen is not null)
        {
            check.Fail("promisedAmountFen", "A goods pledge has no amount; describe the goods and give 'promisedQuantity' instead.");
        }

        if (input.PromisedQuantity is { } quantity)
        {
            check.Quantity("promisedQuantity", quantity);
        }

        check.ThrowIfAny();
        return await db.RunAsync(async () =>
        {
            if (!await db.Donors.AnyAsync(d => d.Id == donorId, cancellationToken))
            {
                throw new DomainException(new NotFoundError("donorId", "Donor", input.DonorId!));
            }

            if (categoryId is { } cid)
            {
                var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == cid, cancellationToken)
                    ?? throw new DomainException(new NotFoundError("promisedCategoryId", "Category", input.PromisedCategoryId!));
                if (category.ParentId is null)
                {
                    throw new DomainException(new ValidationError(
                        "promisedCategoryId",
                        $"'{category.Name}' is a group of categories; choose one of its kinds, or leave 'promisedCategoryId' out when several kinds are promised."));
                }
            }

            if (recipientId is { } rid && !await db.Recipients.AnyAsync(r => r.Id == rid, cancellationToken))
            {
                throw new DomainException(new NotFoundError("intendedRecipientId", "Recipient", input.IntendedRecipientId!));
            }

            var pledge = new Pledge
            {
                DonorId = donorId,
                Kind = input.Kind,
                Description = description,
                PromisedAmountFen = input.PromisedAmountFen,
                PromisedCategoryId = categoryId,
                PromisedQuantity = input.PromisedQuantity,
                PromisedUnit = unit,
                ExpectedOn = input.ExpectedOn,
                IntendedRecipientId = recipientId,
                RecordedBy = actor.Name,
                RecordedAt = actor.Now,
            };
            db.Pledges.Add(pledge);
            return pledge;
        }, cancellationToken);
    }
}
