using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Accounts;

public sealed record SetUserPinInput
{
    public string? UserId { get; init; }
    public string? Pin { get; init; }
}

public sealed class SetUserPinInputType : InputObjectGraphType<SetUserPinInput>
{
    public SetUserPinInputType()
    {
        Name = "SetUserPinInput";
        Description = "Sets or removes the PIN a user signs in with on a phone.";
        Field<NonNullGraphType<IdGraphType>>("userId").Description("The user.");
        Field<StringGraphType>("pin").Description("The new PIN, 6 to 8 digits; sessions opened with the old PIN end. Null removes the PIN and ends its sessions.");
    }
}

public static class SetUserPin
{
    public static void AddSetUserPin(this ObjectGraphType mutation) =>
        mutation.AddMutation<SetUserPinInputType, SetUserPinInput, UserType>(
            "setUserPin",
            "Sets or removes a user's PIN.",
            "user",
            "The user as stored.",
            [Role.Admin],
            async (ctx, input) => await HandleAsync(ctx.Service<AppDbContext>(), input, ctx.CancellationToken));

    public static async Task<User> HandleAsync(AppDbContext db, SetUserPinInput input, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var userId = check.Id("userId", input.UserId, "User");
        CreateUser.CheckPin(check, "pin", input.Pin);
        check.ThrowIfAny();
        return await db.RunAsync(async () =>
        {
            var user = await db.Users.AsTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken)
                ?? throw new DomainException(new NotFoundError("userId", "User", input.UserId!));
            user.PinHash = input.Pin is null ? null : Secrets.HashPin(input.Pin);
            return user;
        }, cancellationToken);
    }
}
