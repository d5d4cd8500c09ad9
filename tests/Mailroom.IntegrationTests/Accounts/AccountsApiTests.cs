using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.IntegrationTests.Accounts;

/// <summary>/api/accounts against the real Dovecot, on both databases.</summary>
public abstract class AccountsApiTests(AccountsApp app)
{
    [Fact]
    public async Task Create_WithAWrongPassword_AnswersTheVerdictAsProblemDetails()
    {
        var mailbox = await app.Servers.CreateMailboxAsync();
        using var client = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());

        using var response = await client.PostAsJsonAsync("api/accounts", Request(mailbox) with { Password = "not-the-password" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("authentication", problem.GetProperty("kind").GetString());
        Assert.Equal("credentials", problem.GetProperty("reason").GetString());
        Assert.Equal("Authentication failure", problem.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("message").GetString()));
        Assert.Contains("app password", problem.GetProperty("guidance").GetString(), StringComparison.Ordinal);
        Assert.Empty(await ListAsync(client));
    }

    [Fact]
    public async Task TestWithoutSaving_OnACertificateProblem_NamesItAndSavesNothing()
    {
        var mailbox = await app.Servers.CreateMailboxAsync();
        using var client = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());

        using var response = await client.PostAsJsonAsync("api/accounts/test", Request(mailbox) with { Host = "127.0.0.4" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("certificate", "self-signed"), (problem.GetProperty("kind").GetString(), problem.GetProperty("reason").GetString()));
        Assert.Contains(AccountsApp.SupportEmail, problem.GetProperty("guidance").GetString(), StringComparison.Ordinal);
        Assert.Empty(await ListAsync(client));
    }

    [Fact]
    public async Task Create_WithWorkingSettings_SavesAndNeverReturnsOrStoresThePasswordInClear()
    {
        var mailbox = await app.Servers.CreateMailboxAsync();
        await mailbox.DropSampleMessagesAsync(2);
        using var client = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());

        using var test = await client.PostAsJsonAsync("api/accounts/test", Request(mailbox));
        var report = await test.Content.ReadFromJsonAsync<JsonElement>();
        using var created = await client.PostAsJsonAsync("api/accounts", Request(mailbox));
        var listed = await client.GetStringAsync("api/accounts");

        Assert.Equal(HttpStatusCode.OK, test.StatusCode);
        Assert.Equal(2, report.GetProperty("messageCount").GetInt32());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var account = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("active", account.GetProperty("status").GetString());
        Assert.Equal(mailbox.Address, account.GetProperty("userName").GetString());
        Assert.DoesNotContain(mailbox.Password, await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(mailbox.Password, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("password", listed, StringComparison.OrdinalIgnoreCase);

        Assert.False(await StoredInClearAsync(mailbox.Password), "the password is readable in the database");
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(mailbox.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherUser_GetsNotFoundForEveryOperationOnTheAccount()
    {
        var mailbox = await app.Servers.CreateMailboxAsync();
        using var owner = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create("owner"));
        using var created = await owner.PostAsJsonAsync("api/accounts", Request(mailbox));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var intruder = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create("intruder"));

        var answers = new[]
        {
            await intruder.GetAsync($"api/accounts/{id}"),
            await intruder.PostAsJsonAsync($"api/accounts/{id}/test", Request(mailbox)),
            await intruder.PutAsJsonAsync($"api/accounts/{id}", Request(mailbox) with { DisplayName = "Mine now" }),
            await intruder.PostAsync(new Uri($"api/accounts/{id}/enable", UriKind.Relative), null),
            await intruder.PostAsync(new Uri($"api/accounts/{id}/disable", UriKind.Relative), null),
            await intruder.DeleteAsync(new Uri($"api/accounts/{id}?fetchedMail=remove", UriKind.Relative)),
        };

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode));
        Assert.Empty(await ListAsync(intruder));
        var stillThere = await owner.GetFromJsonAsync<JsonElement>($"api/accounts/{id}");
        Assert.Equal("Work", stillThere.GetProperty("displayName").GetString());
        Assert.Equal("active", stillThere.GetProperty("status").GetString());
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task FetchNow_ForAnotherUsersAccount_AnswersNotFound_AndForOnesOwnAccepted()
    {
        var mailbox = await app.Servers.CreateMailboxAsync();
        using var owner = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create("owner"));
        using var created = await owner.PostAsJsonAsync("api/accounts", Request(mailbox));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var intruder = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create("intruder"));

        using var intrudersFetch = await intruder.PostAsync(new Uri($"api/accounts/{id}/fetch", UriKind.Relative), null);
        using var intrudersStatus = await intruder.GetAsync($"api/accounts/{id}/fetch");
        using var ownersFetch = await owner.PostAsync(new Uri($"api/accounts/{id}/fetch", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NotFound, intrudersFetch.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, intrudersStatus.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, ownersFetch.StatusCode);
        var status = await ownersFetch.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, status.GetProperty("accountId").GetGuid());
    }

    [Fact]
    public async Task Update_OfThePasswordToAWrongOne_IsRefusedWithTheVerdictAndKeepsTheWorkingOne()
    {
        var mailbox = await app.Servers.CreateMailboxAsync();
        using var client = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());
        using var created = await client.PostAsJsonAsync("api/accounts", Request(mailbox));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var wrong = await client.PutAsJsonAsync($"api/accounts/{id}", Request(mailbox) with { Password = "wrong" });
        using var renamed = await client.PutAsJsonAsync($"api/accounts/{id}", Request(mailbox) with { DisplayName = "Renamed", Password = null });
        using var disabled = await client.PostAsync(new Uri($"api/accounts/{id}/disable", UriKind.Relative), null);
        using var enabled = await client.PostAsync(new Uri($"api/accounts/{id}/enable", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("disabled", (await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var account = await enabled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(("Renamed", "active"), (account.GetProperty("displayName").GetString(), account.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Delete_WithoutSayingWhatHappensToFetchedMail_IsRefused()
    {
        var mailbox = await app.Servers.CreateMailboxAsync();
        using var client = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());
        using var created = await client.PostAsJsonAsync("api/accounts", Request(mailbox));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var unspecified = await client.DeleteAsync(new Uri($"api/accounts/{id}", UriKind.Relative));
        using var kept = await client.DeleteAsync(new Uri($"api/accounts/{id}?fetchedMail=keep", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, unspecified.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, kept.StatusCode);
        Assert.Empty(await ListAsync(client));
    }

    private AccountRequestJson Request(MailboxUser mailbox) =>
        new("Work", mailbox.Address, "127.0.0.1", app.Servers.Pop3sPort, true, mailbox.Address, mailbox.Password);

    private static async Task<List<JsonElement>> ListAsync(HttpClient client) =>
        await client.GetFromJsonAsync<List<JsonElement>>("api/accounts") ?? [];

    /// <summary>Searches the raw database for the password: every byte of the SQLite file and its WAL, or every PostgreSQL row of the accounts table.</summary>
    private async Task<bool> StoredInClearAsync(string password)
    {
        if (app.DatabaseKind == DatabaseKind.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(app.Database.ConnectionString).DataSource;
            var needle = Encoding.UTF8.GetBytes(password);
            foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                if (copy.ToArray().AsSpan().IndexOf(needle) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        var rows = await app.WithDbContextAsync(db =>
            db.Database.SqlQueryRaw<string>("""SELECT row_to_json(a)::text AS "Value" FROM "Pop3Accounts" AS a""").ToListAsync());
        Assert.NotEmpty(rows);
        return rows.Any(row => row.Contains(password, StringComparison.Ordinal));
    }

    private sealed record AccountRequestJson(string DisplayName, string EmailAddress, string Host, int Port, bool UseSsl, string UserName, string? Password);
}

public sealed class AccountsApiTestsOnSqlite(AccountsSqliteApp app) : AccountsApiTests(app), IClassFixture<AccountsSqliteApp>;

public sealed class AccountsApiTestsOnPostgres(AccountsPostgresApp app) : AccountsApiTests(app), IClassFixture<AccountsPostgresApp>;
