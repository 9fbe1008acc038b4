using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Recipients;

public sealed record CreateRecipientInput
{
    public RecipientKind Kind { get; init; }
    public string? Name { get; init; }
    public string? ParentId { get; init; }
    public int? UnitNumber { get; init; }
    public string? HeadOfHousehold { get; init; }
    public int? MemberCount { get; init; }
    public bool IsRegisteredPoor { get; init; }
    public string? IdNumber { get; init; }
    public string? Phone { get; init; }
    public string? Note { get; init; }
}

public sealed class CreateRecipientInputType : InputObjectGraphType<CreateRecipientInput>
{
    public CreateRecipientInputType()
    {
        Name = "CreateRecipientInput";
        Description = "A new village committee, social unit or household.";
        Field<NonNullGraphType<RecipientKindType>>("kind").Description("Which level of the tree this recipient is.");
        Field<NonNullGraphType<StringGraphType>>("name").Description("Name as written in the village register.");
        Field<IdGraphType>("parentId").Description("The committee of a social unit, or the social unit of a household. Not allowed for the village committee.");
        Field<IntGraphType>("unitNumber").Description("For a social unit: its number, 1–99.");
        Field<StringGraphType>("headOfHousehold").Description("For a household: the head of household (required).");
        Field<IntGraphType>("memberCount").Description("For a household: how many people it has, 1–50 (required).");
        Field<BooleanGraphType>("isRegisteredPoor").Description("For a household: whether it is a registered poor household. Default false.");
        Field<StringGraphType>("idNumber").Description("For a household: the head's 18-character identity-document number (身份证号), if to be recorded.");
        Field<StringGraphType>("phone").Description("For a household: a phone number, digits with an optional leading + and dashes, at most 20 characters.");
        Field<StringGraphType>("note").Description("Free-text note, at most 1000 characters.");
    }
}

public static partial class CreateRecipient
{
    public static void AddCreateRecipient(this ObjectGraphType mutation) =>
        mutation.AddMutation<CreateRecipientInputType, CreateRecipientInput, RecipientType>(
            "createRecipient",
            "Registers a village committee, a social unit under it, or a household under a unit.",
            "recipient",
            "The recipient as stored.",
            Roles.Writers,
            async (ctx, input) => await HandleAsync(ctx.Service<AppDbContext>(), ctx.Service<CurrentActor>(), input, ctx.CancellationToken));

    public static async Task<Recipient> HandleAsync(AppDbContext db, CurrentActor actor, CreateRecipientInput input, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        check.RequiredText("name", input.Name, 200);
        check.Text("note", input.Note, 1000, required: false);
        var parentId = check.OptionalId("parentId", input.ParentId, "Recipient");
        switch (input.Kind)
        {
            case RecipientKind.VillageCommittee when input.ParentId is not null:
                check.Fail("parentId", "A village committee is the top of the tree and has no parent; leave 'parentId' out.");
                break;
            case RecipientKind.SocialUnit:
                if (input.UnitNumber is not (>= 1 and <= 99))
                {
                    check.Fail("unitNumber", "A social unit needs its number, from 1 to 99, in 'unitNumber'.");
                }

                break;
            case RecipientKind.Household:
                check.RequiredText("headOfHousehold", input.HeadOfHousehold, 100);
                if (input.IdNumber is not null && !IdNumberPattern().IsMatch(input.IdNumber.Trim()))
                {
                    check.Fail("idNumber", "'idNumber' must be an 18-character identity-document number: 17 digits and a digit or X.");
                }

                if (input.Phone is not null && !PhonePattern().IsMatch(input.Phone.Trim()))
                {
                    check.Fail("phone", "'phone' may hold digits, a leading + and dashes, 5 to 20 characters.");
                }

                if (input.MemberCount is not (>= 1 and <= 50))
                {
                    check.Fail("memberCount", "A household needs 'memberCount', the number of its people, from 1 to 50.");
                }

                break;
        }

        if (input.Kind != RecipientKind.VillageCommittee && input.ParentId is null)
        {
            check.Fail("parentId", input.Kind == RecipientKind.SocialUnit
                ? "A social unit belongs to a village committee: give the committee's id in 'parentId'."
                : "A household belongs to a social unit: give the unit's id in 'parentId'.");
        }

        check.ThrowIfAny();

        return await db.RunAsync(async () =>
        {
            if (parentId is { } pid)
            {
                var parent = await db.Recipients.FirstOrDefaultAsync(r => r.Id == pid, cancellationToken)
                    ?? throw new DomainException(new NotFoundError("parentId", "Recipient", input.ParentId!));
                var expected = input.Kind == RecipientKind.SocialUnit ? RecipientKind.VillageCommittee : RecipientKind.SocialUnit;
                if (parent.Kind != expected)
                {
                    throw new DomainException(new ValidationError(
                        "parentId",
                        $"A {Describe(input.Kind)} must sit under a {Describe(expected)}, but '{parent.Name}' is a {Describe(parent.Kind)}."));
                }

                if (input.Kind == RecipientKind.SocialUnit
                    && await db.Recipients.AnyAsync(r => r.ParentId == pid && r.UnitNumber == input.UnitNumber, cancellationToken))
                {
                    throw new DomainException(new ValidationError(
                        "unitNumber", $"'{parent.Name}' already has a social unit number {input.UnitNumber}; each unit number is used once per committee."));
                }
            }

            var recipient = input.ToNewEntity<Recipient>(actor, parentId);
            db.Recipients.Add(recipient);
            return recipient;
        }, cancellationToken);
    }

    private static string Describe(RecipientKind kind) => kind switch
    {
        RecipientKind.VillageCommittee => "village committee",
        RecipientKind.SocialUnit => "social unit",
        _ => "household",
    };

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9]{17}[0-9X]$")]
    private static partial System.Text.RegularExpressions.Regex IdNumberPattern();

    [System.Text.RegularExpressions.GeneratedRegex("^[+]?[0-9][0-9-]{4,19}$")]
    private static partial System.Text.RegularExpressions.Regex PhonePattern();
}
