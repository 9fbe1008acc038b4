using GaLaAid.Api.Accounts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace GaLaAid.Api.Tests.Accounts;

/// <summary>
/// API keys are remembered by the process for a few seconds so that scanning does not read the
/// database for every request; none of that may let a revoked or expired key through.
/// </summary>
public sealed class ApiKeyCacheTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    private const string Me = "{ me { userName } }";

    private async Task<(string Key, string KeyId)> NewKeyAsync(string userName, DateTime? expiresAt = null)
    {
        var userId = (string)(await app.GraphQL().MutateAsync(
            "createUser", "user", "{ id }", new { userName, displayName = userName, role = "VOLUNTEER" })).Ok()["id"]!;
        var created = (await app.GraphQL().MutateAsync(
            "createApiKey", "created", "{ key apiKey { id } }", new { userId, name = "scanner", expiresAt })).Ok();
        return ((string)created["key"]!, (string)created["apiKey"]!["id"]!);
    }

    private async Task<string?> UserNameAsync(string key) =>
        (string?)(await app.GraphQL(key).DataAsync(Me))["me"]!["userName"];

    [Fact]
    public async Task A_key_in_use_is_refused_on_the_very_next_request_after_its_revocation()
    {
        var (key, keyId) = await NewKeyAsync("cached.then.revoked");
        Assert.Equal("cached.then.revoked", await UserNameAsync(key));
        Assert.Equal("cached.then.revoked", await UserNameAsync(key));

        (await app.GraphQL().MutateAsync("revokeApiKey", "apiKey", "{ id }", new { apiKeyId = keyId })).Ok();

        (await app.GraphQL(key).SendAsync(Me)).AssertUnauthenticated();
    }

    [Fact]
    public async Task A_key_in_use_is_refused_the_moment_it_expires_though_it_was_read_a_second_before()
    {
        var (key, _) = await NewKeyAsync("cached.then.expired", expiresAt: app.Now.AddSeconds(3));
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("cached.then.expired", await UserNameAsync(key));

        app.Clock.Advance(TimeSpan.FromSeconds(1.5));

        Assert.True(TimeSpan.FromSeconds(1.5) < ApiKeyCache.Lifetime, "The expiry must fall within the cache's lifetime to prove anything.");
        (await app.GraphQL(key).SendAsync(Me)).AssertUnauthenticated();
    }

    [Fact]
    public async Task A_key_revoked_in_the_database_by_another_process_is_refused_once_the_cache_lifetime_has_passed()
    {
        var (key, keyId) = await NewKeyAsync("revoked.elsewhere");
        Assert.Equal("revoked.elsewhere", await UserNameAsync(key));

        await using (var otherProcess = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = app.DatabasePath, Pooling = false }.ToString()))
        {
            await otherProcess.OpenAsync();
            await using var revoke = otherProcess.CreateCommand();
            revoke.CommandText = "UPDATE ApiKeys SET RevokedAt = $now, RevokedBy = 'other process' WHERE Id = $id";
            revoke.Parameters.AddWithValue("$now", app.Now);
            revoke.Parameters.AddWithValue("$id", LedgerScenario.RowId(keyId, "ApiKey"));
            Assert.Equal(1, await revoke.ExecuteNonQueryAsync());
        }

        // Within the lifetime this process has not looked again: that window is the price of the cache.
        Assert.Equal("revoked.elsewhere", await UserNameAsync(key));
        app.Clock.Advance(ApiKeyCache.Lifetime);

        (await app.GraphQL(key).SendAsync(Me)).AssertUnauthenticated();
    }

    [Fact]
    public async Task A_key_is_read_from_the_database_again_after_the_cache_lifetime()
    {
        var (key, _) = await NewKeyAsync("read.again");
        Assert.Equal("read.again", await UserNameAsync(key));
        app.Clock.Advance(ApiKeyCache.Lifetime);

        app.SqlCommands.Reset();
        Assert.Equal("read.again", await UserNameAsync(key));

        Assert.Contains(app.SqlCommands.Texts, sql => sql.Contains("FROM \"ApiKeys\"", StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_read_just_before_its_revocation_and_remembered_just_after_is_not_trusted()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = new ApiKeyCache(clock);
        var user = new User { Id = 7, UserName = "racer", DisplayName = "Racer", Role = Role.Volunteer, CreatedBy = "test", CreatedAt = clock.GetUtcNow().UtcDateTime };
        var key = new ApiKey { Id = 42, UserId = 7, Name = "scanner", Prefix = "gla_abcdef", Hash = "hash-of-the-key", CreatedBy = "test" };

        cache.Revoked(key.Id);
        cache.Remember(key, user);

        Assert.Null(cache.Find(key.Hash));
    }

    [Fact]
    public void A_remembered_key_is_found_by_its_hash_until_the_lifetime_passes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = new ApiKeyCache(clock);
        var user = new User { Id = 8, UserName = "scanner", DisplayName = "Scanner", Role = Role.Volunteer, CreatedBy = "test", CreatedAt = clock.GetUtcNow().UtcDateTime };
        var key = new ApiKey { Id = 43, UserId = 8, Name = "scanner", Prefix = "gla_abcdef", Hash = "hash-of-another-key", CreatedBy = "test" };
        cache.Remember(key, user);

        Assert.Equal((user, 43), cache.Find(key.Hash));
        clock.Advance(ApiKeyCache.Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.Equal((user, 43), cache.Find(key.Hash));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(cache.Find(key.Hash));
    }
}
