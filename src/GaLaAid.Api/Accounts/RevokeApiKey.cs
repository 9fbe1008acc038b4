using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Accounts;

public sealed record RevokeApiKeyInput
{
    public string? ApiKeyId { get; init; }
}

public sealed class RevokeApiKeyInputType : InputObjectGraphType<RevokeApiKeyInput>
{
    public RevokeApiKeyInputType()
    {
        Name = "RevokeApiKeyInput";
        Description = "An API key to revoke.";
        Field<NonNullGraphType<IdGraphType>>("apiKeyId").Description("The key to revoke; it stops working at once, and so do browser sessions opened with it.");
    }
}

public static class RevokeApiKey
{
    public static void AddRevokeApiKey(this ObjectGraphType mutation) =>
        mutation.AddMutation<RevokeApiKeyInputType, RevokeApiKeyInput, ApiKeyType>(
            "revokeApiKey",
            "Revokes an API key. A revoked key cannot be restored; create a new one instead.",
            "apiKey",
            "The key as stored, now revoked.",
            [Role.Admin],
            async (ctx, input) => await HandleAsync(ctx.Service<AppDbContext>(), ctx.Service<CurrentActor>(), ctx.Service<ApiKeyCache>(), input, ctx.CancellationToken));

    public static async Task<ApiKey> HandleAsync(AppDbContext db, CurrentActor actor, ApiKeyCache keys, RevokeApiKeyInput input, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var keyId = check.Id("apiKeyId", input.ApiKeyId, "ApiKey");
        check.ThrowIfAny();
        var revoked = await db.RunAsync(async () =>
        {
            var key = await db.ApiKeys.AsTracking().FirstOrDefaultAsync(k => k.Id == keyId, cancellationToken)
                ?? throw new DomainException(new NotFoundError("apiKeyId", "ApiKey", input.ApiKeyId!));
            if (key.RevokedAt is not null)
            {
                throw new DomainException(new ValidationError("apiKeyId", "This key was already revoked."));
            }

            key.RevokedAt = actor.Now;
            key.RevokedBy = actor.Name;
            return key;
        }, cancellationToken);
        keys.Revoked(revoked.Id);
        return revoked;
    }
}
