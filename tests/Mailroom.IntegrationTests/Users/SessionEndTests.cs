using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.IntegrationTests.Users;

/// <summary>M3: a cookie, an access token or a refresh token replayed after its session ended is refused.</summary>
public abstract class SessionEndTests(MailroomAppFactory app)
{
    [Fact]
    public async Task ACookieReplayedAfterSignOut_NoLongerSignsAnyoneIn()
    {
        var (client, cookie) = await SignUpWithCookieAsync();
        using var _ = client;
        Assert.Equal(HttpStatusCode.OK, (await SessionCookies.GetHomeAsync(app, cookie)).StatusCode);

        await PostFormAsync(client, "/", "sign-out");

        using var replay = await SessionCookies.GetHomeAsync(app, cookie);
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.Contains("/sign-in", replay.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterApiLogout_TheAccessTokenAndTheRefreshTokenAreRefused()
    {
        var tokens = await RegisterAndLoginAsync(TestUser.Create());
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(tokens.AccessToken)).StatusCode);

        using var bearer = Bearer(tokens.AccessToken);
        using var logout = await bearer.PostAsync(new Uri("api/auth/logout", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(tokens.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(tokens.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task ARefreshToken_WorksOnce_AndReusingItEndsItsWholeFamily()
    {
        var first = await RegisterAndLoginAsync(TestUser.Create());

        using var rotated = await RefreshAsync(first.RefreshToken);
        var second = await rotated.Content.ReadFromJsonAsync<Tokens>();
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.NotEqual(first.RefreshToken, second!.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(second.AccessToken)).StatusCode);

        using var reused = await RefreshAsync(first.RefreshToken);

        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(second.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(second.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task SignOutEverywhere_EndsEveryCookieAndToken_AndTheListShowedThemWithTheirDevices()
    {
        var user = TestUser.Create();
        var (client, cookie) = await SignUpWithCookieAsync(user);
        using var _ = client;
        var phone = await LoginAsync(user, "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36");
        var script = await LoginAsync(user, "curl/8.5.0");

        using var phoneClient = Bearer(phone.AccessToken);
        var sessions = await phoneClient.GetFromJsonAsync<JsonElement>(new Uri("api/auth/sessions", UriKind.Relative));
        var devices = sessions.EnumerateArray().Select(s => (s.GetProperty("device").GetString(), s.GetProperty("current").GetBoolean())).ToList();
        Assert.Equal(3, devices.Count);
        Assert.Contains(("Chrome on Android", true), devices);
        Assert.Contains(("curl", false), devices);

        await PostFormAsync(client, "/settings/account", "settings/account?handler=Everywhere");

        Assert.Equal(HttpStatusCode.Redirect, (await SessionCookies.GetHomeAsync(app, cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(phone.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(script.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(script.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task ChangingThePassword_EndsEveryOtherSession_AndKeepsThisBrowserSignedIn()
    {
        var user = TestUser.Create();
        var (client, oldCookie) = await SignUpWithCookieAsync(user);
        using var _ = client;
        var other = await LoginAsync(user);
        var token = await SignUpForm.AntiforgeryTokenAsync(client, "settings/account");

        using var changed = await client.PostAsync(new Uri("settings/account?handler=Password", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Password.Current"] = user.Password,
            ["Password.New"] = "A new passphrase " + Guid.NewGuid().ToString("N")[..8],
            ["Password.Repeat"] = "",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("The two new passwords are not the same.", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var newPassword = "A new passphrase " + Guid.NewGuid().ToString("N")[..8];
        using var accepted = await client.PostAsync(new Uri("settings/account?handler=Password", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Password.Current"] = user.Password,
            ["Password.New"] = newPassword,
            ["Password.Repeat"] = newPassword,
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(other.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SessionCookies.GetHomeAsync(app, oldCookie)).StatusCode);
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task ANewSecurityStamp_EndsCookiesAndTokensIssuedBeforeIt()
    {
        var user = TestUser.Create();
        var (client, cookie) = await SignUpWithCookieAsync(user);
        using var _ = client;
        var tokens = await LoginAsync(user);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<MailroomUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(user.Email))!);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await SessionCookies.GetHomeAsync(app, cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(tokens.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(tokens.RefreshToken)).StatusCode);
    }

    private async Task<(HttpClient Client, string Cookie)> SignUpWithCookieAsync(TestUser? user = null)
    {
        user ??= TestUser.Create();
        var client = app.CreateHttpClient();
        var form = await SignUpForm.GetAsync(client);
        using var response = await client.PostAsync(new Uri("sign-up", UriKind.Relative), form.With(user));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Mailroom.Session=", StringComparison.Ordinal)).Split(';')[0];
        return (client, cookie);
    }

    private static async Task PostFormAsync(HttpClient client, string pageWithForm, string action)
    {
        var token = await SignUpForm.AntiforgeryTokenAsync(client, pageWithForm.TrimStart('/'));
        using var response = await client.PostAsync(new Uri(action, UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private async Task<Tokens> RegisterAndLoginAsync(TestUser user)
    {
        await ApiSession.RegisterAsync(app, user);
        return await LoginAsync(user);
    }

    private async Task<Tokens> LoginAsync(TestUser user, string userAgent = "Mailroom tests")
    {
        using var client = app.CreateHttpClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        using var login = await client.PostAsJsonAsync("api/auth/login", new { email = user.Email, password = user.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (await login.Content.ReadFromJsonAsync<Tokens>())!;
    }

    private async Task<HttpResponseMessage> RefreshAsync(string refreshToken)
    {
        using var client = app.CreateHttpClient();
        return await client.PostAsJsonAsync("api/auth/refresh", new { refreshToken });
    }

    private async Task<HttpResponseMessage> MeAsync(string accessToken)
    {
        using var client = Bearer(accessToken);
        return await client.GetAsync(new Uri("api/me", UriKind.Relative));
    }

    private HttpClient Bearer(string accessToken)
    {
        var client = app.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    private sealed record Tokens(string AccessToken, string RefreshToken);
}

public sealed class SessionEndTestsOnSqlite(SqliteApp app) : SessionEndTests(app), IClassFixture<SqliteApp>;

public sealed class SessionEndTestsOnPostgres(PostgresApp app) : SessionEndTests(app), IClassFixture<PostgresApp>;
