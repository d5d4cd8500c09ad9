namespace Mailroom.Accounts;

/// <summary>
/// A failed test as the user sees it: a title naming the kind of problem, what happened, and what to do.
/// Kind and Reason are the machine-readable names the API returns, e.g. "mailbox-in-use" and "in-use".
/// </summary>
internal sealed record AccountTestVerdict(string Kind, string Reason, string Title, string Message, string Guidance);
