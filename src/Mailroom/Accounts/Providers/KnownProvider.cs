namespace Mailroom.Accounts.Providers;

/// <summary>
/// A common mail provider's POP3 settings. <see cref="Host"/> is null for providers that do not offer
/// POP3 at all; their <see cref="Note"/> says so, which is worth more to the user than a failed test.
/// </summary>
internal sealed record KnownProvider(
    string Name,
    IReadOnlyList<string> Domains,
    string? Host,
    int? Port,
    bool? UseSsl,
    string? Note)
{
    public bool OffersPop3 => Host is not null;
}
