using GaLaAid.Api.GraphQL;

namespace GaLaAid.Api.Accounts;

/// <summary>What user lists can be filtered and sorted by.</summary>
public sealed class UserQuerySpec : QuerySpec<User>
{
    public UserQuerySpec()
        : base("User")
    {
        Id("id", "User", u => u.Id, "The user's global id.", sort: true);
        Field("userName", u => u.UserName, "The name the user signs in with.", sort: true);
        Field("displayName", u => u.DisplayName, "The user's full name.", sort: true);
        Enum<Role, RoleType>("role", u => u.Role, "What the user may do.", sort: true);
        Field("createdBy", u => u.CreatedBy, "Who created the user.", sort: true);
        Field("createdAt", u => u.CreatedAt, "When the user was created (UTC).", sort: true);
    }
}
