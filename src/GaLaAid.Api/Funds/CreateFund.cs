using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Funds;

public sealed record CreateFundInput
{
    public string? Name { get; init; }
    public string? Purpose { get; init; }
}

public sealed class CreateFundInputType : InputObjectGraphType<CreateFundInput>
{
    public CreateFundInputType()
    {
        Name = "CreateFundInput";
        Description = "A new, empty fund. Money enters it only through cash donations and adjustments.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("Unique name, at most 200 characters, e.g. 慰问金.");
        Field<StringGraphType>("purpose").Description("What the fund's money may be spent on, at most 1000 characters.");
    }
}

public static class CreateFund
{
    public static void AddCreateFund(this ObjectGraphType mutation) =>
        mutation.AddMutation<CreateFundInputType, CreateFundInput, FundType>(
            "createFund",
            "Opens a new fund with a zero balance.",
            "fund",
            "The fund as stored.",
            Roles.Writers,
            async (ctx, input) => await HandleAsync(ctx.Service<AppDbContext>(), ctx.Service<CurrentActor>(), input, ctx.CancellationToken));

    public static async Task<Fund> HandleAsync(AppDbContext db, CurrentActor actor, CreateFundInput input, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var name = check.RequiredText("name", input.Name, 200);
        check.Text("purpose", input.Purpose, 1000, required: false);
        check.ThrowIfAny();
        return await db.RunAsync(async () =>
        {
            if (await db.Funds.AnyAsync(f => f.Name == name, cancellationToken))
            {
                throw new DomainException(new ValidationError("name", $"A fund named '{name}' already exists; choose another name."));
            }

            var fund = input.ToNewEntity<Fund>(actor);
            db.Funds.Add(fund);
            return fund;
        }, cancellationToken);
    }
}
