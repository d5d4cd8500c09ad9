using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.IntegrationTests.Hosting;

namespace Mailroom.IntegrationTests.Users;

public sealed class LockoutSettingsTests
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Lockout_FollowsMailroomUsersSettings_AndCountsApiFailuresToo(DatabaseKind kind)
    {
        await using var app = new MailroomAppFactory(kind)
            .WithSetting("Mailroom:Users:MaxFailedSignInAttempts", "2")
            .WithSetting("Mailroom:Users:LockoutDuration", "00:05:00");
        await app.StartAsync();
        var user = TestUser.Create();
        await ApiSession.RegisterAsync(app, user);
        using var client = app.CreateHttpClient();

        using var first = await client.PostAsJsonAsync("api/auth/login", new { email = user.Email, password = "Wrong password 1" });
        using var second = await client.PostAsJsonAsync("api/auth/login", new { email = user.Email, password = "Wrong password 2" });
        using var right = await client.PostAsJsonAsync("api/auth/login", new { email = user.Email, password = user.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal("That email and password don't match.", await TitleOf(first));
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.StartsWith("Too many failed attempts — your account is locked for 5 minutes.", await TitleOf(second), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.StartsWith("Too many failed attempts", await TitleOf(right), StringComparison.Ordinal);
    }

    [Fact]
    public async Task App_WithAnInvalidUsersSetting_RefusesToStart()
    {
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite).WithSetting("Mailroom:Users:RequiredPasswordLength", "3");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        Assert.Contains("RequiredPasswordLength", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string?> TitleOf(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("title").GetString();
    }
}
