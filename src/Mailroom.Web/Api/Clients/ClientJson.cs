using Mailroom.Clients;
using Mailroom.Web.Api.Messages;
using Mailroom.Web.Messages;

namespace Mailroom.Web.Api.Clients;

/// <summary>A client as the CRM sends it. Emails are whole addresses; domains file every address at them (never a free mail domain).</summary>
internal sealed record ClientRequest(string? Name, string? ExternalId, IReadOnlyList<string>? Emails, IReadOnlyList<string>? Domains)
{
    public ClientInput ToInput() => new(Name, ExternalId, Emails, Domains);
}

internal sealed record ClientResponse(
    long Id,
    string Name,
    string? ExternalId,
    IReadOnlyList<string> Emails,
    IReadOnlyList<string> Domains,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    FilingResponse Filing)
{
    public static ClientResponse Of(ClientRecord client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new(client.Id, client.Name, client.ExternalId, client.Emails, client.Domains, client.CreatedAt, client.UpdatedAt,
            new FilingResponse(client.Filing.InProgress, client.Filing.Done, client.Filing.Total, client.Filing.CompletedAt));
    }
}

/// <summary>Re-filing after a change of addresses: while <c>InProgress</c>, Done of Total messages have been looked at.</summary>
internal sealed record FilingResponse(bool InProgress, long Done, long Total, DateTimeOffset? CompletedAt);

internal sealed record ClientListResponse(IReadOnlyList<ClientResponse> Items, string? Next);

internal sealed record ClientMessagesResponse(IReadOnlyList<ClientMessageEntry> Items, string? Older);

/// <summary>One message of a client's timeline. <c>Shared</c>: it is in a workspace member's shared account, readable but not yours.</summary>
internal sealed record ClientMessageEntry(
    long Id,
    Guid AccountId,
    string Folder,
    DateTimeOffset SentAt,
    Address From,
    IReadOnlyList<Address> To,
    IReadOnlyList<Address> Cc,
    string Subject,
    string Snippet,
    bool HasAttachments,
    long Size,
    bool IsRead,
    bool Shared)
{
    public static ClientMessageEntry Of(TimelineItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new(item.Id, item.AccountId, FolderParameter.Of(item.Folder) ?? "inbox", item.SentAt, new Address(item.FromName, item.FromAddress),
            AddressLists.Parse(item.To), AddressLists.Parse(item.Cc), item.Subject, item.Snippet, item.HasAttachments, item.Size, item.IsRead,
            item.FromSharedAccount);
    }
}
