namespace Mailroom.Sending;

/// <summary>
/// An SMTP failure as the user sees it: a title naming the kind of problem, what happened, and what to do.
/// Kind and Reason are the machine-readable names the API returns, e.g. "authentication" and "credentials".
/// <see cref="PasswordOutdated"/> marks a saved password the server no longer accepts: the page links to updating it.
/// </summary>
internal sealed record SmtpVerdict(string Kind, string Reason, string Title, string Message, string Guidance, bool PasswordOutdated = false);
