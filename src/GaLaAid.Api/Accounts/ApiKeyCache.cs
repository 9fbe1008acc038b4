using System.Collections.Concurrent;

namespace GaLaAid.Api.Accounts;

/// <summary>
/// The API keys this process has recently seen valid, by hash, so that a volunteer scanning all day
/// does not cost a database lookup per scan. Expiry is checked against the clock on every use, and
/// a key revoked through this process is refused from the moment its revocation commits (revocation
/// is final, so the revoked ids are simply remembered). A key revoked by another process sharing
/// the database file is refused once its entry here is older than <see cref="Lifetime"/>.
/// </summary>
public sealed class ApiKeyCache(TimeProvider clock)
{
    /// <summary>How long a key read from the database is trusted without reading it again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, CachedKey> byHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, bool> revokedKeyIds = new();

    /// <summary>The key's user and id, when the key was found valid within the lifetime and is still neither revoked nor expired.</summary>
    public (User User, int KeyId)? Find(string hash)
    {
        if (!byHash.TryGetValue(hash, out var cached))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var stillTrusted = now - cached.ReadAt < Lifetime
            && !revokedKeyIds.ContainsKey(cached.Key.Id)
            && cached.Key.IsActiveAt(now.UtcDateTime);
        if (!stillTrusted)
        {
            byHash.TryRemove(KeyValuePair.Create(hash, cached));
            return null;
        }

        return (cached.User, cached.Key.Id);
    }

    /// <summary>Remembers a key just read from the database and found valid.</summary>
    public void Remember(ApiKey key, User user)
    {
        if (!revokedKeyIds.ContainsKey(key.Id))
        {
            byHash[key.Hash] = new CachedKey(key, user, clock.GetUtcNow());
        }
    }

    /// <summary>
    /// Called once a revocation has committed. A request that read the key just before the commit
    /// may still add it afterwards; <see cref="Find"/> refuses it by its id all the same.
    /// </summary>
    public void Revoked(int keyId)
    {
        revokedKeyIds[keyId] = true;
        foreach (var (hash, cached) in byHash)
        {
            if (cached.Key.Id == keyId)
            {
                byHash.TryRemove(KeyValuePair.Create(hash, cached));
            }
        }
    }

    private sealed record CachedKey(ApiKey Key, User User, DateTimeOffset ReadAt);
}
