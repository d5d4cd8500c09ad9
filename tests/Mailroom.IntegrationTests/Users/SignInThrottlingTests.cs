using System.Net;
using System.Net.Http.Json;
using Mailroom.IntegrationTests.Hosting;

namespace Mailroom.IntegrationTests.Users;

/// <summary>
/// Abuse is throttled by its source: clients are told apart by X-Forwarded-For from a trusted proxy (the test is the
/// proxy, on 127.0.0.1), as behind a real load balancer.
/// </summary>
public sealed class SignInThrottlingTests
{
    private const string Attacker = "203.0.113.66";
    private const string Owner = "198.51.100.20";

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task HundredWrongSignInsFromOneAddress_AreThrottled_AndTheOwnerStillSignsInFromAnother(DatabaseKind database)
    {
        await using var app = new MailroomAppFactory(database)
            .WithSetting("Mailroom:Hosting:TrustedProxies:0", "127.0.0.0/8")
            .WithSetting("Mailroom:RateLimits:SignInsPerMinute", "10");
        await app.StartAsync();
        var user = TestUser.Create();
        await ApiSession.RegisterAsync(app, user);

        var answers = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 100; attempt++)
        {
            using var wrong = await LoginAsync(app, Attacker, user.Email, $"Guess {attempt}");
            answers.Add(wrong.StatusCode);
        }

        using var owner = await LoginAsync(app, Owner, user.Email, user.Password);
        using var attackerWithTheRightPassword = await LoginAsync(app, Attacker, user.Email, user.Password);

        Assert.Equal(10, answers.Count(a => a == HttpStatusCode.Unauthorized));
        Assert.Equal(90, answers.Count(a => a == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, attackerWithTheRightPassword.StatusCode);
    }

    [Fact]
    public async Task AThrottledSignIn_SaysHowLongToWait()
    {
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite)
            .WithSetting("Mailroom:Hosting:TrustedProxies:0", "127.0.0.0/8")
            .WithSetting("Mailroom:RateLimits:SignInsPerMinute", "1");
        await app.StartAsync();

        using var first = await LoginAsync(app, Attacker, "nobody@example.test", "x");
        using var second = await LoginAsync(app, Attacker, "nobody@example.test", "x");

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.True(int.Parse(second.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("Wait", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> LoginAsync(MailroomAppFactory app, string clientAddress, string email, string password)
    {
        using var client = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add("X-Forwarded-For", clientAddress);
        return await client.SendAsync(request);
    }
}
