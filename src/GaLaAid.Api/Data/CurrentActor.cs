namespace GaLaAid.Api.Data;

/// <summary>Who is making the current write, and when: every ledger entry records both.</summary>
public sealed class CurrentActor(IHttpContextAccessor httpContextAccessor, TimeProvider clock)
{
    public const string Anonymous = "anonymous";
    public const string System = "system";

    private string? overrideName;

    public string Name =>
        overrideName
        ?? httpContextAccessor.HttpContext?.User.Identity?.Name
        ?? Anonymous;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>For work that no HTTP request starts, such as seeding demo data.</summary>
    public void ActAs(string name) => overrideName = name;
}
