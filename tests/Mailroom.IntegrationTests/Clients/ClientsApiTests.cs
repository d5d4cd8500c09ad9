using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.IntegrationTests.Hosting;

namespace Mailroom.IntegrationTests.Clients;

/// <summary>The /api/clients contract: create, read, list, replace, upsert by the CRM's id, delete; and what it refuses.</summary>
public abstract class ClientsApiTests(MailroomAppFactory app)
{
    [Fact]
    public async Task Client_IsCreatedReadReplacedAndDeleted_WithAddressesLowerCasedAndDeduplicated()
    {
        using var api = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());

        using var created = await api.PostAsJsonAsync("api/clients", new
        {
            name = "  Acme Corp ",
            externalId = "crm-1",
            emails = new[] { "Bob@Partner.Example", "bob@partner.example" },
            domains = new[] { "@Acme.Example" },
        });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(ClientsApi.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal($"/api/clients/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("Acme Corp", body.GetProperty("name").GetString());
        Assert.Equal(["bob@partner.example"], body.GetProperty("emails").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["acme.example"], body.GetProperty("domains").EnumerateArray().Select(e => e.GetString()));

        using var replaced = await api.PutAsJsonAsync($"api/clients/{id}", new { name = "Acme Ltd", emails = Array.Empty<string>(), domains = new[] { "acme.example", "acme-group.example" } });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var read = await api.GetFromJsonAsync<JsonElement>($"api/clients/{id}", ClientsApi.Json);
        Assert.Equal("Acme Ltd", read.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("externalId").ValueKind);
        Assert.Empty(read.GetProperty("emails").EnumerateArray());
        Assert.Equal(["acme-group.example", "acme.example"], read.GetProperty("domains").EnumerateArray().Select(e => e.GetString()));

        using var deleted = await api.DeleteAsync(new Uri($"api/clients/{id}", UriKind.Relative));
        using var gone = await api.GetAsync(new Uri($"api/clients/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("not-found", (await gone.Content.ReadFromJsonAsync<JsonElement>(ClientsApi.Json)).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task UpsertByExternalId_CreatesOnceThenUpdatesTheSameClient()
    {
        using var api = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());

        using var first = await api.PutAsJsonAsync("api/clients/by-external-id/crm-42", new { name = "Globex", domains = new[] { "globex.example" } });
        using var second = await api.PutAsJsonAsync("api/clients/by-external-id/crm-42", new { name = "Globex Inc", emails = new[] { "hank@globex.example" } });
        var firstBody = await first.Content.ReadFromJsonAsync<JsonElement>(ClientsApi.Json);
        var secondBody = await second.Content.ReadFromJsonAsync<JsonElement>(ClientsApi.Json);
        var list = await api.GetFromJsonAsync<JsonElement>("api/clients", ClientsApi.Json);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(firstBody.GetProperty("id").GetInt64(), secondBody.GetProperty("id").GetInt64());
        Assert.Equal("crm-42", secondBody.GetProperty("externalId").GetString());
        Assert.Equal("Globex Inc", Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task FreeMailDomain_IsRefusedAsAClientDomain_WithAMessageThatSaysWhyAndWhatToDoInstead()
    {
        using var api = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());

        using var refused = await api.PostAsJsonAsync("api/clients", new { name = "Someone", domains = new[] { "gmail.com" } });
        using var allowedAsAddress = await api.PostAsJsonAsync("api/clients", new { name = "Someone", emails = new[] { "someone@gmail.com" } });
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(ClientsApi.Json);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("validation", problem.GetProperty("kind").GetString());
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("domains").EnumerateArray()).GetString();
        Assert.Contains("gmail.com is a free mail provider", message, StringComparison.Ordinal);
        Assert.Contains("under emails instead", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, allowedAsAddress.StatusCode);
    }

    [Fact]
    public async Task InvalidFields_AreAllExplained_AndNothingIsStored()
    {
        using var api = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());

        using var refused = await api.PostAsJsonAsync("api/clients", new { name = " ", emails = new[] { "not an address" }, domains = new[] { "no_domain" } });
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>(ClientsApi.Json)).GetProperty("errors");
        var list = await api.GetFromJsonAsync<JsonElement>("api/clients", ClientsApi.Json);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("Enter the client's name.", errors.GetProperty("name")[0].GetString());
        Assert.Contains("is not an email address", errors.GetProperty("emails")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("is not a domain name", errors.GetProperty("domains")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(list.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task ExternalId_IsUniqueInTheWorkspace()
    {
        using var api = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());
        await ClientsApi.CreateAsync(api, "First", externalId: "crm-7");

        using var clash = await api.PostAsJsonAsync("api/clients", new { name = "Second", externalId = "crm-7" });

        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal("external-id-taken", (await clash.Content.ReadFromJsonAsync<JsonElement>(ClientsApi.Json)).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task List_IsOrderedByName_SearchesNamesAndAddresses_AndPagesWithCursors()
    {
        using var api = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());
        foreach (var name in new[] { "Delta", "Alpha", "Charlie", "Bravo", "Echo" })
        {
            await ClientsApi.CreateAsync(api, name, domains: [$"{name.ToLowerInvariant()}.example"]);
        }

        var names = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await api.GetFromJsonAsync<JsonElement>("api/clients?limit=2" + (next is null ? "" : $"&after={Uri.EscapeDataString(next)}"), ClientsApi.Json);
            names.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!));
            next = page.GetProperty("next").GetString();
            pages++;
        }
        while (next is not null);
        var byName = await api.GetFromJsonAsync<JsonElement>("api/clients?q=arl", ClientsApi.Json);
        var byDomain = await api.GetFromJsonAsync<JsonElement>("api/clients?q=bravo.exa", ClientsApi.Json);
        using var tooMany = await api.GetAsync(new Uri("api/clients?limit=500", UriKind.Relative));

        Assert.Equal(["Alpha", "Bravo", "Charlie", "Delta", "Echo"], names);
        Assert.Equal(3, pages);
        Assert.Equal("Charlie", Assert.Single(byName.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal("Bravo", Assert.Single(byDomain.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
    }

    [Fact]
    public async Task AnotherWorkspacesClient_IsNotFound_ThroughEveryEndpoint_AndIsNotChanged()
    {
        using var owner = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create("owner"));
        using var stranger = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create("stranger"));
        var id = await ClientsApi.CreateAsync(owner, "Initech", domains: ["initech.example"], externalId: "crm-9");

        using var get = await stranger.GetAsync(new Uri($"api/clients/{id}", UriKind.Relative));
        using var messages = await stranger.GetAsync(new Uri($"api/clients/{id}/messages", UriKind.Relative));
        using var put = await stranger.PutAsJsonAsync($"api/clients/{id}", new { name = "Hijacked" });
        using var delete = await stranger.DeleteAsync(new Uri($"api/clients/{id}", UriKind.Relative));
        using var upsert = await stranger.PutAsJsonAsync("api/clients/by-external-id/crm-9", new { name = "Own Initech" });
        var strangersList = await stranger.GetFromJsonAsync<JsonElement>("api/clients", ClientsApi.Json);
        var ownersView = await owner.GetFromJsonAsync<JsonElement>($"api/clients/{id}", ClientsApi.Json);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, messages.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        // The stranger's upsert creates a client of the stranger's own workspace; the owner's stays as it was.
        Assert.Equal(HttpStatusCode.Created, upsert.StatusCode);
        Assert.NotEqual(id, (await upsert.Content.ReadFromJsonAsync<JsonElement>(ClientsApi.Json)).GetProperty("id").GetInt64());
        Assert.Equal("Own Initech", Assert.Single(strangersList.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal("Initech", ownersView.GetProperty("name").GetString());
    }
}

public sealed class ClientsApiTestsOnSqlite(SqliteApp app) : ClientsApiTests(app), IClassFixture<SqliteApp>;

public sealed class ClientsApiTestsOnPostgres(PostgresApp app) : ClientsApiTests(app), IClassFixture<PostgresApp>;
