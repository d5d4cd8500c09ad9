using Mailroom.Network;

namespace Mailroom.Fetching;

/// <summary>Everything one fetch needs to know about its account, read once when the fetch starts.</summary>
internal sealed record FetchTarget(
    Guid AccountId,
    string OwnerId,
    MailEndpoint Endpoint,
    string UserName,
    string ProtectedPassword,
    RetrievalRule Rule);
