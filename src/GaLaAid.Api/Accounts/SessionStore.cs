using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Memory;

namespace GaLaAid.Api.Accounts;

/// <summary>
/// Keeps browser sessions on the server: the cookie carries only a random session id. Signing out
/// deletes the session, so a copy of the cookie (left on a shared phone, or stolen) stops working
/// too, which a self-contained cookie would not. Sessions live in memory: a restart signs every
/// browser out, and its user signs in again.
/// </summary>
public sealed class SessionStore(IMemoryCache cache) : ITicketStore
{
    private const string CacheKeyPrefix = "galaaid.session:";

    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        Set(id, ticket);
        return Task.FromResult(id);
    }

    /// <summary>Renews only a session that still exists: a request in flight must not bring back a session signed out meanwhile.</summary>
    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        if (cache.TryGetValue(CacheKeyPrefix + key, out _))
        {
            Set(key, ticket);
        }

        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) =>
        Task.FromResult(cache.TryGetValue(CacheKeyPrefix + key, out AuthenticationTicket? ticket) ? ticket : null);

    public Task RemoveAsync(string key)
    {
        cache.Remove(CacheKeyPrefix + key);
        return Task.CompletedTask;
    }

    private void Set(string key, AuthenticationTicket ticket)
    {
        var options = new MemoryCacheEntryOptions();
        if (ticket.Properties.ExpiresUtc is { } expires)
        {
            options.SetAbsoluteExpiration(expires);
        }

        cache.Set(CacheKeyPrefix + key, ticket, options);
    }
}
