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
        using var client = app.CreateHttpClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var form = await SignUpForm.GetAsync(client);

        using var response = await client.PostAsync(new Uri("sign-up", UriKind.Relative), form.With(TestUser.Create()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Mailroom.Session=", StringComparison.Ordinal));
        Assert.Equal(expectSecure, session.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }
}
