using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GraphQL.Types;

namespace GaLaAid.Api.Donors;

public sealed record CreateDonorInput
{
    public string? Name { get; init; }
    public DonorKind Kind { get; init; }
    public string? Contact { get; init; }
    public string? Note { get; init; }
}

public sealed class CreateDonorInputType : InputObjectGraphType<CreateDonorInput>
{
    public CreateDonorInputType()
    {
        Name = "CreateDonorInput";
        Description = "A new donor.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("The donor's name, at most 200 characters.");
        Field<NonNullGraphType<DonorKindType>>("kind").Description("What sort of giver the donor is.");
        Field<StringGraphType>("contact").Description("How to reach the donor, at most 200 characters.");
        Field<StringGraphType>("note").Description("Free-text note, at most 1000 characters.");
    }
}

public static class CreateDonor
{
    public static void AddCreateDonor(this ObjectGraphType mutation) =>
        mutation.AddMutation<CreateDonorInputType, CreateDonorInput, DonorType>(
            "createDonor",
            "Registers a donor: a person or organisation that gives cash, goods or a pledge.",
            "donor",
            "The donor as stored.",
            Roles.Writers,
            async (ctx, input) => await HandleAsync(ctx.Service<AppDbContext>(), ctx.Service<CurrentActor>(), input, ctx.CancellationToken));

    public static async Task<Donor> HandleAsync(AppDbContext db, CurrentActor actor, CreateDonorInput input, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        check.RequiredText("name", input.Name, 200);
        check.Text("contact", input.Contact, 200, required: false);
        check.Text("note", input.Note, 1000, required: false);
        check.ThrowIfAny();
        return await db.RunAsync(() =>
        {
            var donor = input.ToNewEntity<Donor>(actor);
            db.Donors.Add(donor);
            return Task.FromResult(donor);
        }, cancellationToken);
    }
}
