using System.Net;
using Mailroom.IntegrationTests.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.IntegrationTests.Security;

/// <summary>Several nodes behind a load balancer: the Data Protection key ring lives in the shared database.</summary>
public sealed class CookieSharingTests
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task SignInCookie_IssuedByOneNode_IsAcceptedByAnotherNodeOnTheSameDatabase(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var first = new MailroomAppFactory(database);
        await using var second = new MailroomAppFactory(database);
        await using var elsewhere = new MailroomAppFactory(kind);
        await first.StartAsync();
        await second.StartAsync();
        await elsewhere.StartAsync();
        var cookie = await SignUpAndGetSessionCookieAsync(first, TestUser.Create());

        using var onSecond = await GetHomeAsync(second, cookie);
        using var onElsewhere = await GetHomeAsync(elsewhere, cookie);

        Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode);
        Assert.Contains("All mail", await onSecond.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Control: a node with another key ring cannot read the cookie and sends the user to sign in.
        Assert.Equal(HttpStatusCode.Redirect, onElsewhere.StatusCode);
        Assert.StartsWith("/sign-in", onElsewhere.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        var keys = await first.WithDbContextAsync(db => db.DataProtectionKeys.CountAsync());
        Assert.True(keys >= 1);
    }

    private static async Task<string> SignUpAndGetSessionCookieAsync(MailroomAppFactory app, TestUser user)
    {
        using var client = app.CreateHttpClient();
        var form = await SignUpForm.GetAsync(client);
        using var response = await client.PostAsync(new Uri("sign-up", UriKind.Relative), form.With(user));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Mailroom.Session=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static async Task<HttpResponseMessage> GetHomeAsync(MailroomAppFactory app, string cookie)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}
