using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.IntegrationTests.Hosting;

namespace Mailroom.IntegrationTests.Accounts;

/// <summary>Test Account is not a password-guessing proxy: guesses against one mailbox server stop at its budget, for every user.</summary>
public sealed class TestAccountThrottlingTests
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task WrongPasswordGuessesAgainstOneServer_AreThrottled_AndReachTheServerOnlyUpToTheBudget(DatabaseKind database)
    {
        await using var app = new AccountsApp(database);
        app.WithSetting("Mailroom:RateLimits:ServerTestsPerTargetPer10Minutes", "3");
        await app.StartAsync();
        var mailbox = await app.Servers.CreateMailboxAsync();
        using var guesser = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create("guesser"));
        using var accomplice = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create("accomplice"));

        var kinds = new List<string?>();
        for (var guess = 1; guess <= 6; guess++)
        {
            var client = guess % 2 == 0 ? guesser : accomplice;
            using var response = await client.PostAsJsonAsync("api/accounts/test", new
            {
                displayName = "Victim",
                emailAddress = mailbox.Address,
                host = "127.0.0.1",
                port = app.Servers.Pop3sPort,
                useSsl = true,
                userName = mailbox.Address,
                password = $"guess-{guess}",
            });
            kinds.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kind").GetString());
        }

        Assert.Equal(["authentication", "authentication", "authentication", "throttled", "throttled", "throttled"], kinds);
    }
}
