using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Mailroom.IntegrationTests.Hosting;

namespace Mailroom.IntegrationTests.Security;

public abstract partial class PageSecurityTests(MailroomAppFactory app)
{
    [Theory]
    [InlineData("/sign-in")]
    [InlineData("/sign-up")]
    public async Task Pages_SendSecurityHeaders_AndContainNoInlineScript(string path)
    {
        using var client = app.CreateHttpClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches(ExternalScript(), html);
        Assert.DoesNotMatch(InlineScript(), html);
    }

    [Fact]
    public async Task MailShell_WithoutSignIn_RedirectsToSignInAndComesBack()
    {
        using var client = app.CreateHttpClient();

        using var response = await client.GetAsync(new Uri("settings/mail/accounts", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in?ReturnUrl=%2Fsettings%2Fmail%2Faccounts", response.Headers.Location?.PathAndQuery);
    }

    [Theory]
    [InlineData("sign-up")]
    [InlineData("sign-in")]
    [InlineData("sign-out")]
    public async Task Forms_PostedWithoutTheAntiforgeryToken_AreRejected(string path)
    {
        var user = TestUser.Create();
        using var client = app.CreateHttpClient();
        await SignUpForm.GetAsync(client);

        using var response = await client.PostAsync(
            new Uri(path, UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = user.Email, ["Input.Password"] = user.Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.WithDbContextAsync(db => Task.FromResult(db.Users.Count(u => u.Email == user.Email))));
    }

    [Fact]
    public async Task SignOut_ByGet_DoesNotSignOut()
    {
        using var client = await SignedInCookieClientAsync();

        using var signOut = await client.GetAsync(new Uri("sign-out", UriKind.Relative));
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task Api_WithTheSignInCookie_AnswersGets_ButRefusesUnsafeMethodsWithoutTheAntiforgeryHeader()
    {
        using var client = await SignedInCookieClientAsync();

        using var me = await client.GetAsync(new Uri("api/me", UriKind.Relative));
        using var post = await client.PostAsJsonAsync("api/me", new { });

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains("antiforgery", await post.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<HttpClient> SignedInCookieClientAsync()
    {
        var client = app.CreateHttpClient();
        var form = await SignUpForm.GetAsync(client);
        using var signUp = await client.PostAsync(new Uri("sign-up", UriKind.Relative), form.With(TestUser.Create()));
        Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);
        return client;
    }

    [GeneratedRegex("<script src=\"/js/shell\\.js")]
    private static partial Regex ExternalScript();

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}

public sealed class PageSecurityTestsOnSqlite(SqliteApp app) : PageSecurityTests(app), IClassFixture<SqliteApp>;

public sealed class PageSecurityTestsOnPostgres(PostgresApp app) : PageSecurityTests(app), IClassFixture<PostgresApp>;
