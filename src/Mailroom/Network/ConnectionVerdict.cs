namespace Mailroom.Network;

/// <summary>
/// A failed connection test (POP3, SMTP, and whatever later issues add) or send, as the user sees it: a title naming the
/// kind of problem, what happened, and what to do. Kind and Reason are the machine-readable names the API returns, e.g.
/// "mailbox-in-use" and "in-use". <see cref="PasswordOutdated"/> marks a saved password the server no longer accepts:
/// the page links to updating it.
/// </summary>
internal sealed record ConnectionVerdict(string Kind, string Reason, string Title, string Message, string Guidance, bool PasswordOutdated = false)
{
    public static ConnectionVerdict For(MailFailure failure, string title, string guidance, bool passwordOutdated = false)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new(ApiNames.Of(failure.Kind), ApiNames.Of(failure.Reason), title, failure.Message, guidance, passwordOutdated);
    }
}
