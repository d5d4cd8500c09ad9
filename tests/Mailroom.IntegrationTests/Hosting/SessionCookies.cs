using System.Net;

namespace Mailroom.IntegrationTests.Hosting;

/// <summary>A signed-in session as a raw cookie, for tests that carry it from one node to another without a browser.</summary>
public static class SessionCookies
{
    /// <summary>Signs <paramref name="user"/> up on <paramref name="app"/> and returns the "Mailroom.Session=…" pair.</summary>
    public static async Task<string> SignUpAsync(MailroomAppFactory app, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var client = app.CreateHttpClient();
        var form = await SignUpForm.GetAsync(client);
        using var response = await client.PostAsync(new Uri("sign-up", UriKind.Relative), form.With(user));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Mailroom.Session=", StringComparison.Ordinal)).Split(';')[0];
    }

    /// <summary>GETs the mail shell with only <paramref name="cookie"/>: 200 if the node can read it, a redirect to sign-in if not.</summary>
    public static async Task<HttpResponseMessage> GetHomeAsync(MailroomAppFactory app, string cookie)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}
