using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Accounts;

public sealed class RoleType : EnumerationGraphType<Role>
{
    public RoleType()
    {
        Name = "Role";
        Description = "What a user may do.";
    }
}

public sealed class UserType : ObjectGraphType<User>
{
    public UserType()
    {
        Name = "User";
        Description = "Someone who may sign in. The entries they write carry their user name.";
        Interface<NodeInterfaceType>();
        IsTypeOf = value => value is User;
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id of this user.")
            .Resolve(ctx => GlobalId.Encode(Name, ctx.Source.Id));
        Field(u => u.UserName).Description("The name the user signs in with; ledger entries record it.");
        Field(u => u.DisplayName).Description("The user's full name.");
        Field<NonNullGraphType<RoleType>>("role").Description("What the user may do.").Resolve(ctx => ctx.Source.Role);
        Field<NonNullGraphType<BooleanGraphType>>("hasPin").Description("Whether the user can sign in on a phone with a PIN.")
            .Resolve(ctx => ctx.Source.PinHash is not null);
        Field(u => u.CreatedBy).Description("Who created the user.");
        Field(u => u.CreatedAt).Description("When the user was created (UTC).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApiKeyType>>>>("apiKeys")
            .Description("The user's API keys, active or not. The keys themselves are never shown again after creation.")
            .AllowRoles(Role.Admin, Role.Auditor)
            .Resolve(ctx => ctx.LoadChildren(
                "UserApiKeys", ctx.Source.Id,
                (db, ids) => db.ApiKeys.Where(k => ids.Contains(k.UserId)).OrderBy(k => k.Id),
                k => k.UserId));
    }
}

public sealed class ApiKeyType : ObjectGraphType<ApiKey>
{
    public ApiKeyType()
    {
        Name = "ApiKey";
        Description = "A bearer key of a user. Only its hash is stored.";
        Interface<NodeInterfaceType>();
        IsTypeOf = value => value is ApiKey;
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id of this key.")
            .Resolve(ctx => GlobalId.Encode(Name, ctx.Source.Id));
        Field(k => k.Name).Description("What the key is for, e.g. 'Altair on the office PC'.");
        Field(k => k.Prefix).Description("The first characters of the key, to tell keys apart.");
        Field(k => k.ExpiresAt, nullable: true).Description("When the key stops working (UTC); null for never.");
        Field(k => k.RevokedAt, nullable: true).Description("When the key was revoked (UTC), if it was.");
        Field(k => k.RevokedBy, nullable: true).Description("Who revoked the key, if anyone did.");
        Field(k => k.CreatedBy).Description("Who created the key.");
        Field(k => k.CreatedAt).Description("When the key was created (UTC).");
        Field<NonNullGraphType<BooleanGraphType>>("isActive").Description("True while the key is neither revoked nor expired.")
            .Resolve(ctx => ctx.Source.IsActiveAt(ctx.Service<CurrentActor>().Now));
        Field<NonNullGraphType<UserType>>("user").Description("The key's user.")
            .Resolve(ctx => ctx.LoadById<User>(ctx.Source.UserId));
    }
}

/// <summary>A new key, with the one and only sight of its secret.</summary>
public sealed record CreatedApiKey(ApiKey ApiKey, string Key);

public sealed class CreatedApiKeyType : ObjectGraphType<CreatedApiKey>
{
    public CreatedApiKeyType()
    {
        Name = "CreatedApiKey";
        Description = "A new API key. 'key' is shown this once and cannot be read again: hand it to its user now.";
        Field<NonNullGraphType<ApiKeyType>>("apiKey").Description("The key as stored (without its secret).").Resolve(ctx => ctx.Source.ApiKey);
        Field(k => k.Key).Description("The key itself, to send as 'Authorization: Bearer <key>'.");
    }
}

public static class AccountQueries
{
    public static void AddAccountQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<UserType>>("me")
            .Description("The signed-in user.")
            .AllowRoles(Roles.All)
            .ResolveAsync(async ctx =>
            {
                var name = ctx.User!.Identity!.Name;
                return await ctx.Service<AppDbContext>().Users.FirstAsync(u => u.UserName == name, ctx.CancellationToken);
            });

        query.Field<NonNullGraphType<ConnectionGraphType<UserType>>>("users")
            .Description("Every user, in the order they were created.")
            .AllowRoles(Role.Admin, Role.Auditor)
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<UserQuerySpec>())
            .ResolveAsync(async ctx => await ctx.PageAsync(ctx.Service<AppDbContext>().Users, u => u.Id, QuerySpecs.Of<UserQuerySpec>()));
    }
}
