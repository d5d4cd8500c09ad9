namespace Mailroom.Accounts;

/// <summary>
/// Where links in the engine's own mail point. Not bound from configuration: the web host copies its public address
/// (Mailroom:Hosting:PublicBaseUrl) here, since a background fetch has no request to take one from.
/// </summary>
internal sealed class AccountLinksOptions
{
    public Uri? PublicOrigin { get; set; }

    /// <summary>The account's edit page (the one its trouble banner leads to), or the way there in words without a public address.</summary>
    public string EditPage(Guid accountId) => PublicOrigin is { } origin
        ? $"{origin.AbsoluteUri.TrimEnd('/')}/settings/mail/accounts/{accountId}/edit"
        : "Mailroom » Settings » Mail » Mail Accounts » Edit";
}
