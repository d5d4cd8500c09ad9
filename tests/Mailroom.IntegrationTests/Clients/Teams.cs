using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Mailroom.IntegrationTests.Sending;

namespace Mailroom.IntegrationTests.Clients;

/// <summary>Brings a second user into the owner's workspace the way people do: an emailed invitation (read from the outbox folder), then accept.</summary>
internal static partial class Teams
{
    public static async Task JoinAsync(HttpClient owner, HttpClient member, string memberEmail, string outboxDirectory)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(member);
        using var invited = await owner.PostAsJsonAsync("api/workspace/invitations", new { email = memberEmail });
        invited.EnsureSuccessStatusCode();
        var token = InvitationToken(outboxDirectory, memberEmail);
        using var accepted = await member.PostAsJsonAsync("api/workspace/invitations/accept", new { token });
        if (!accepted.IsSuccessStatusCode)
        {
            throw new InvalidOperationException("Accepting the invitation failed: " + await accepted.Content.ReadAsStringAsync());
        }
    }

    /// <summary>The token of the join link in the newest invitation email to <paramref name="email"/>.</summary>
    public static string InvitationToken(string outboxDirectory, string email)
    {
        var mail = SendingEnvironment.Outbox(outboxDirectory).Last(m => m.To.Mailboxes.Any(a => a.Address == email));
        var link = new Uri(JoinLink().Match(mail.TextBody ?? "").Value);
        return Uri.UnescapeDataString(link.Query["?token=".Length..]);
    }

    public static string InvitationLink(string outboxDirectory, string email)
    {
        var mail = SendingEnvironment.Outbox(outboxDirectory).Last(m => m.To.Mailboxes.Any(a => a.Address == email));
        return JoinLink().Match(mail.TextBody ?? "").Value;
    }

    [GeneratedRegex(@"https?://\S+/workspace/join\?token=\S+")]
    private static partial Regex JoinLink();
}
