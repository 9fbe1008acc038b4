namespace GaLaAid.Api.Accounts;

/// <summary>Someone who may sign in. Entries they write carry their user name.</summary>
public sealed class User
{
    public int Id { get; init; }
    public required string UserName { get; init; }
    public required string DisplayName { get; init; }
    public Role Role { get; init; }

    /// <summary>PBKDF2 hash of the short PIN a volunteer signs in with on a phone; null when none is set.</summary>
    public string? PinHash { get; set; }

    public required string CreatedBy { get; init; }
    public DateTime CreatedAt { get; init; }
}

/// <summary>
/// A bearer key of one user. Only its SHA-256 hash is stored; the key itself is shown once, when it
/// is created. Keys can expire and can be revoked.
/// </summary>
public sealed class ApiKey
{
    public int Id { get; init; }
    public int UserId { get; init; }
    public required string Name { get; init; }

    /// <summary>The first characters of the key, so a person can tell their keys apart.</summary>
    public required string Prefix { get; init; }

    public required string Hash { get; init; }
    public DateTime? ExpiresAt { get; init; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public required string CreatedBy { get; init; }
    public DateTime CreatedAt { get; init; }

    public bool IsActiveAt(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
