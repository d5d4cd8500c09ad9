namespace Mailroom.Fetching;

/// <summary>This node's claim on one account; valid while the token is still in the account's schedule row and ExpiresAt has not passed.</summary>
internal sealed record FetchLease(Guid AccountId, Guid Token, string Node, DateTimeOffset ExpiresAt);
