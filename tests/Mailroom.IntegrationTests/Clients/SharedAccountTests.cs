using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.Reading;
using Mailroom.IntegrationTests.Sending;

namespace Mailroom.IntegrationTests.Clients;

/// <summary>
/// Private or shared: a member sees the client mail of a teammate's shared account (read-only) and never of a private
/// one; a user of another workspace sees nothing at all, through pages and API alike.
/// </summary>
public sealed class SharedAccountTests
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task SharedAccountsClientMail_IsVisibleToAMemberReadOnly_PrivateIsNot_AndAnotherWorkspaceGets404Everywhere(DatabaseKind database)
    {
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(database).WithFastRefiling().WithSetting("Mailroom:Smtp:Relay:OutboxDirectory", outbox.Path);
        await app.StartAsync();
        var ownerUser = TestUser.Create("owner");
        var memberUser = TestUser.Create("member");
        using var owner = await ApiSession.CreateSignedInClientAsync(app, ownerUser);
        using var member = await ApiSession.CreateSignedInClientAsync(app, memberUser);
        using var strangerPages = await PageSession.SignUpAsync(app, TestUser.Create("stranger"));
        using var stranger = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create("stranger-api"));
        await Teams.JoinAsync(owner, member, memberUser.Email, outbox.Path);
        using var memberPages = await PageSession.SignInAsync(app, memberUser);

        var ownerId = await MessageSeeder.UserIdAsync(app, ownerUser);
        var sharedAccount = await MessageSeeder.AddAccountAsync(app, ownerId, "Team inbox");
        var privateAccount = await MessageSeeder.AddAccountAsync(app, ownerId, "Personal");
        var day = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        var sharedMessage = await MessageSeeder.AddMessageAsync(app, sharedAccount, ownerId, "Ann <ann@acme.example>", "Order for the team", day, "Forty units, please.");
        var privateMessage = await MessageSeeder.AddMessageAsync(app, privateAccount, ownerId, "Ann <ann@acme.example>", "Dinner on Friday?", day.AddHours(1));
        using var shared = await owner.PutAsJsonAsync($"api/accounts/{sharedAccount}/sharing", new { shared = true });
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        var client = await ClientsApi.CreateAsync(owner, "Acme", domains: ["acme.example"]);
        await ClientsApi.WaitForFilingAsync(owner, client);

        var ownersTimeline = await ClientsApi.TimelineAsync(owner, client);
        var membersTimeline = await ClientsApi.TimelineAsync(member, client);
        Assert.Equal(["Dinner on Friday?", "Order for the team"], ClientsApi.Subjects(ownersTimeline));
        var entry = Assert.Single(membersTimeline);
        Assert.Equal(sharedMessage, entry.GetProperty("id").GetInt64());
        Assert.True(entry.GetProperty("shared").GetBoolean());

        // Read-only through the client; the owner's own reading pane, API and the account's settings stay closed.
        using var readOnly = await memberPages.GetAsync(new Uri($"clients/{client}/messages/{sharedMessage}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, readOnly.StatusCode);
        Assert.Contains("Forty units, please.", await readOnly.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var clientPage = await memberPages.GetAsync(new Uri($"clients/{client}", UriKind.Relative));
        var clientHtml = await clientPage.Content.ReadAsStringAsync();
        Assert.Contains("Order for the team", clientHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Dinner on Friday?", clientHtml, StringComparison.Ordinal);
        string[] closedToMember = [$"clients/{client}/messages/{privateMessage}", $"messages/{sharedMessage}", $"api/messages/{sharedMessage}",
            $"api/messages/{sharedMessage}/raw", $"api/accounts/{sharedAccount}", $"settings/mail/accounts/{sharedAccount}/edit"];
        foreach (var path in closedToMember)
        {
            using var response = await memberPages.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered the member {(int)response.StatusCode}");
        }

        using var memberShares = await member.PutAsJsonAsync($"api/accounts/{sharedAccount}/sharing", new { shared = false });
        Assert.Equal(HttpStatusCode.NotFound, memberShares.StatusCode);

        string[] closedToStranger = [$"clients/{client}", $"clients/{client}/messages/{sharedMessage}", $"api/clients/{client}",
            $"api/clients/{client}/messages", $"api/messages/{sharedMessage}"];
        foreach (var path in closedToStranger)
        {
            using var viaCookie = await strangerPages.GetAsync(new Uri(path, UriKind.Relative));
            using var viaBearer = await stranger.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(viaCookie.StatusCode == HttpStatusCode.NotFound, $"{path} (cookie) answered {(int)viaCookie.StatusCode}");
            Assert.True(viaBearer.StatusCode == HttpStatusCode.NotFound, $"{path} (bearer) answered {(int)viaBearer.StatusCode}");
        }

        // Private again: the member's view empties at once.
        using var unshared = await owner.PutAsJsonAsync($"api/accounts/{sharedAccount}/sharing", new { shared = false });
        Assert.Equal(HttpStatusCode.OK, unshared.StatusCode);
        Assert.Empty(await ClientsApi.TimelineAsync(member, client));
        var workspace = await member.GetFromJsonAsync<JsonElement>("api/workspace", ClientsApi.Json);
        Assert.Equal("member", workspace.GetProperty("role").GetString());
        Assert.Equal(2, workspace.GetProperty("members").GetArrayLength());
    }
}
