using System.Net;
using Mailroom.IntegrationTests.Hosting;

namespace Mailroom.IntegrationTests.Operations;

/// <summary>Behind a TLS-terminating load balancer the session cookie must still be Secure, but only a trusted proxy may say so.</summary>
public sealed class ForwardedHeadersTests
{
    [Theory]
    [InlineData("127.0.0.0/8", true)]
    [InlineData(null, false)]
    [InlineData("192.0.2.10", false)]
    public async Task SessionCookie_IsSecure_OnlyWhenATrustedProxySaysTheRequestWasHttps(string? trustedProxy, bool expectSecure)
    {
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite);
        if (trustedProxy is not null)
        {
            app.WithSetting("Mailroom:Hosting:TrustedProxies:0", trustedProxy);
        }

        await app.StartAsync();
        // The proxy speaks HTTPS to the browser, which sends back Secure cookies too: carry them by hand over this plain hop.
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        using var page = await client.GetAsync(new Uri("sign-up", UriKind.Relative));
        var form = new SignUpForm(SignUpForm.AntiforgeryTokenIn(await page.Content.ReadAsStringAsync()));
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri("sign-up", UriKind.Relative)) { Content = form.With(TestUser.Create()) };
        post.Headers.Add("Cookie", string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));

        using var response = await client.SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Mailroom.Session=", StringComparison.Ordinal));
        Assert.Equal(expectSecure, session.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("127.0.0.0/8", true)]
    [InlineData(null, false)]
    public async Task EveryCookieIsSecure_AndHstsIsSent_WhenATrustedProxySaysTheRequestWasHttps(string? trustedProxy, bool https)
    {
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite);
        if (trustedProxy is not null)
        {
            app.WithSetting("Mailroom:Hosting:TrustedProxies:0", trustedProxy);
        }

        await app.StartAsync();
        using var client = app.CreateHttpClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        using var page = await client.GetAsync(new Uri("sign-up", UriKind.Relative));

        var cookies = page.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("Mailroom.Antiforgery=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Equal(https, c.Contains("; secure", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(https, page.Headers.TryGetValues("Strict-Transport-Security", out var hsts) && hsts.Single().Contains("max-age=31536000", StringComparison.Ordinal));
    }
}
