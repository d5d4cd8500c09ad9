using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.IntegrationTests.Hosting;

namespace Mailroom.IntegrationTests.Clients;

/// <summary>Client and timeline calls as the CRM makes them, plus waiting for the background re-filing.</summary>
internal static class ClientsApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The app with a fast re-filing tick, so tests wait milliseconds, not seconds.</summary>
    public static MailroomAppFactory WithFastRefiling(this MailroomAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.WithSetting("Mailroom:Clients:RefilingInterval", "00:00:00.100");
    }

    public static async Task<long> CreateAsync(HttpClient client, string name, string[]? emails = null, string[]? domains = null, string? externalId = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.PostAsJsonAsync("api/clients", new { name, externalId, emails, domains });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return response.IsSuccessStatusCode ? body.GetProperty("id").GetInt64() : throw new InvalidOperationException($"Creating client {name} failed: {body}");
    }

    /// <summary>Polls the client until its re-filing has finished (up to 30 s).</summary>
    public static async Task WaitForFilingAsync(HttpClient client, long clientId)
    {
        ArgumentNullException.ThrowIfNull(client);
        await Eventually.ReachedAsync(
            () => client.GetFromJsonAsync<JsonElement>($"api/clients/{clientId}", Json),
            body => !body.GetProperty("filing").GetProperty("inProgress").GetBoolean(),
            TimeSpan.FromSeconds(30), $"client {clientId}'s re-filing to finish");
    }

    /// <summary>The whole timeline, newest first, walked page by page with <paramref name="pageSize"/>.</summary>
    public static async Task<IReadOnlyList<JsonElement>> TimelineAsync(HttpClient client, long clientId, int pageSize = 50)
    {
        ArgumentNullException.ThrowIfNull(client);
        var items = new List<JsonElement>();
        string? older = null;
        do
        {
            var path = $"api/clients/{clientId}/messages?limit={pageSize}" + (older is null ? "" : $"&after={Uri.EscapeDataString(older)}");
            var page = await client.GetFromJsonAsync<JsonElement>(path, Json);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            older = page.GetProperty("older").GetString();
        }
        while (older is not null);
        return items;
    }

    public static IReadOnlyList<string> Subjects(IEnumerable<JsonElement> items) => [.. items.Select(i => i.GetProperty("subject").GetString()!)];
}
