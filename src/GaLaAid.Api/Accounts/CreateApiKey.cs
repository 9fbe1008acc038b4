using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Accounts;

public sealed record CreateApiKeyInput
{
    public string? UserId { get; init; }
    public string? Name { get; init; }
    public DateTime? ExpiresAt { get; init; }
}

public sealed class CreateApiKeyInputType : InputObjectGraphType<CreateApiKeyInput>
{
    public CreateApiKeyInputType()
    {
        Name = "CreateApiKeyInput";
        Description = "A new API key for a user.";
        Field<NonNullGraphType<IdGraphType>>("userId").Description("The user the key signs in as.");
        Field<NonNullGraphType<StringGraphType>>("name").Description("What the key is for, at most 100 characters.");
        Field<DateTimeGraphType>("expiresAt").Description("When the key stops working: in the future and at most five years ahead. Leave out for a key that never expires.");
    }
}

public static class CreateApiKey
{
    public static void AddCreateApiKey(this ObjectGraphType mutation) =>
        mutation.AddMutation<CreateApiKeyInputType, CreateApiKeyInput, CreatedApiKeyType>(
            "createApiKey",
            "Creates an API key for a user. The key is in the result this once and is never shown again; only its hash is stored.",
            "created",
            "The key as stored, with the key itself.",
            [Role.Admin],
            async (ctx, input) => await HandleAsync(ctx.Service<AppDbContext>(), ctx.Service<CurrentActor>(), input, ctx.CancellationToken));

    public static async Task<CreatedApiKey> HandleAsync(AppDbContext db, CurrentActor actor, CreateApiKeyInput input, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var userId = check.Id("userId", input.UserId, "User");
        var name = check.RequiredText("name", input.Name, 100);
        var expiresAt = input.ExpiresAt?.ToUniversalTime();
        if (expiresAt is { } at && (at <= actor.Now || at > actor.Now.AddYears(5)))
        {
            check.Fail("expiresAt", "'expiresAt' must be in the future and at most five years ahead.");
        }

        check.ThrowIfAny();
        return await db.RunAsync(async () =>
        {
            if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
            {
                throw new DomainException(new NotFoundError("userId", "User", input.UserId!));
            }

            var key = Secrets.NewApiKey();
            var apiKey = new ApiKey
            {
                UserId = userId,
                Name = name,
                Prefix = Secrets.DisplayPrefix(key),
                Hash = Secrets.HashApiKey(key),
                ExpiresAt = expiresAt,
                CreatedBy = actor.Name,
                CreatedAt = actor.Now,
            };
            db.ApiKeys.Add(apiKey);
            return new CreatedApiKey(apiKey, key);
        }, cancellationToken);
    }
}
