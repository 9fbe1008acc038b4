using System.Text.RegularExpressions;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Accounts;

public sealed record CreateUserInput
{
    public string? UserName { get; init; }
    public string? DisplayName { get; init; }
    public Role Role { get; init; }
    public string? Pin { get; init; }
}

public sealed class CreateUserInputType : InputObjectGraphType<CreateUserInput>
{
    public CreateUserInputType()
    {
        Name = "CreateUserInput";
        Description = "A new user. Give them an API key with createApiKey, or a PIN for signing in on a phone.";
        Field<NonNullGraphType<StringGraphType>>("userName").Description("3–64 lower-case letters, digits, dots, dashes or underscores, e.g. 'zhuoma.v'.");
        Field<NonNullGraphType<StringGraphType>>("displayName").Description("The user's full name, at most 100 characters.");
        Field<NonNullGraphType<RoleType>>("role").Description("What the user may do.");
        Field<StringGraphType>("pin").Description("Optional PIN of 6 to 8 digits, for signing in on a phone.");
    }
}

public static partial class CreateUser
{
    public static void AddCreateUser(this ObjectGraphType mutation) =>
        mutation.AddMutation<CreateUserInputType, CreateUserInput, UserType>(
            "createUser",
            "Creates a user with one role.",
            "user",
            "The user as stored.",
            [Role.Admin],
            async (ctx, input) => await HandleAsync(ctx.Service<AppDbContext>(), ctx.Service<CurrentActor>(), input, ctx.CancellationToken));

    public static async Task<User> HandleAsync(AppDbContext db, CurrentActor actor, CreateUserInput input, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var userName = check.RequiredText("userName", input.UserName, 64);
        if (userName.Length > 0 && !UserNamePattern().IsMatch(userName))
        {
            check.Fail("userName", "'userName' must be 3–64 lower-case letters, digits, dots, dashes or underscores.");
        }

        var displayName = check.RequiredText("displayName", input.DisplayName, 100);
        CheckPin(check, "pin", input.Pin);
        check.ThrowIfAny();
        return await db.RunAsync(async () =>
        {
            if (await db.Users.AnyAsync(u => u.UserName == userName, cancellationToken))
            {
                throw new DomainException(new ValidationError("userName", $"A user named '{userName}' already exists; choose another user name."));
            }

            var user = new User
            {
                UserName = userName,
                DisplayName = displayName,
                Role = input.Role,
                PinHash = input.Pin is null ? null : Secrets.HashPin(input.Pin),
                CreatedBy = actor.Name,
                CreatedAt = actor.Now,
            };
            db.Users.Add(user);
            return user;
        }, cancellationToken);
    }

    public static void CheckPin(InputCheck check, string field, string? pin)
    {
        if (pin is not null && !PinPattern().IsMatch(pin))
        {
            check.Fail(field, $"'{field}' must be 6 to 8 digits.");
        }
    }

    // \z, not $: "$" also matches before a final newline, and "123456\n" is not a PIN.
    [GeneratedRegex(@"^[a-z0-9._-]{3,64}\z")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex(@"^[0-9]{6,8}\z")]
    private static partial Regex PinPattern();
}
