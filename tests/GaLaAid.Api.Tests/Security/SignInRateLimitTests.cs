using System.Net;
using System.Net.Http.Json;

namespace GaLaAid.Api.Tests.Security;

public sealed class TightSignInRateApp : GaLaAidApp
{
    protected override int SignInsPerMinute => 3;
}

/// <summary>ASP.NET Core's rate limiter caps sign-in attempts per address, right or wrong.</summary>
public sealed class SignInRateLimitTests(TightSignInRateApp app) : IClassFixture<TightSignInRateApp>
{
    [Fact]
    public async Task The_fourth_sign_in_within_a_minute_is_refused_with_429_even_with_the_right_key()
    {
        using var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var response = await client.PostAsJsonAsync("/auth/sign-in", new { apiKey = GaLaAidApp.AdminKey });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
