using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Mailroom.IntegrationTests.Hosting;

/// <summary>Signs a user up and in through the JSON API and hands back a client that sends the bearer token.</summary>
public static class ApiSession
{
    public static async Task RegisterAsync(MailroomAppFactory app, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(user);
        using var client = app.CreateHttpClient();
        using var response = await client.PostAsJsonAsync("api/auth/register", new { email = user.Email, password = user.Password });
        await EnsureSuccessAsync(response);
    }

    /// <summary>POST /api/auth/login; returns the access token.</summary>
    public static async Task<string> LoginAsync(MailroomAppFactory app, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(user);
        using var client = app.CreateHttpClient();
        using var response = await client.PostAsJsonAsync("api/auth/login", new { email = user.Email, password = user.Password });
        await EnsureSuccessAsync(response);
        var tokens = await response.Content.ReadFromJsonAsync<TokenResponse>();
        return tokens?.AccessToken ?? throw new InvalidOperationException("The login response carried no access token.");
    }

    /// <summary>Registers <paramref name="user"/>, logs in, and returns a client that authenticates as them.</summary>
    public static async Task<HttpClient> CreateSignedInClientAsync(MailroomAppFactory app, TestUser user)
    {
        await RegisterAsync(app, user);
        var token = await LoginAsync(app, user);
        var client = app.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: " +
                await response.Content.ReadAsStringAsync());
        }
    }

    private sealed record TokenResponse(string AccessToken, string RefreshToken, long ExpiresIn);
}
