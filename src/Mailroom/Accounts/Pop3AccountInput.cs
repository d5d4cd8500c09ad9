namespace Mailroom.Accounts;

/// <summary>
/// What a user submits to add or change an account. A blank <see cref="Password"/> on a change means "unchanged";
/// a blank <see cref="UserName"/> means "the email address".
/// </summary>
internal sealed record Pop3AccountInput(
    string DisplayName,
    string EmailAddress,
    string Host,
    int Port,
    bool UseSsl,
    string? UserName,
    string? Password,
    RetrievalPolicy AfterRetrieval = RetrievalPolicy.KeepOnServer,
    int? DeleteAfterDays = null)
{
    public string EffectiveUserName => string.IsNullOrWhiteSpace(UserName) ? EmailAddress.Trim() : UserName.Trim();

    public bool HasNewPassword => !string.IsNullOrEmpty(Password);

    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"{DisplayName} <{EmailAddress}> {Host}:{Port}";
}
