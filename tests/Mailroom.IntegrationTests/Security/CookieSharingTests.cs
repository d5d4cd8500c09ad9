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
        var cookie = await SessionCookies.SignUpAsync(first, TestUser.Create());

        using var onSecond = await SessionCookies.GetHomeAsync(second, cookie);
        using var onElsewhere = await SessionCookies.GetHomeAsync(elsewhere, cookie);

        Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode);
        Assert.Contains("All mail", await onSecond.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Control: a node with another key ring cannot read the cookie and sends the user to sign in.
        Assert.Equal(HttpStatusCode.Redirect, onElsewhere.StatusCode);
        Assert.StartsWith("/sign-in", onElsewhere.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        var keys = await first.WithDbContextAsync(db => db.DataProtectionKeys.CountAsync());
        Assert.True(keys >= 1);
    }
}
