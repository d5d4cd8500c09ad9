using Mailroom.Messages;

namespace Mailroom.Web.Messages;

/// <summary>
/// The folder as pages and the API spell it: <c>folder=sent</c>, or nothing (or <c>inbox</c>) for the inbox,
/// so existing links keep meaning the inbox.
/// </summary>
internal static class FolderParameter
{
    public const string Sent = "sent";

    public static bool TryParse(string? value, out MailFolder folder)
    {
        folder = MailFolder.Inbox;
        if (string.IsNullOrEmpty(value) || value.Equals("inbox", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (value.Equals(Sent, StringComparison.OrdinalIgnoreCase))
        {
            folder = MailFolder.Sent;
            return true;
        }

        return false;
    }

    /// <summary>The query value for links; null for the inbox, which is the default.</summary>
    public static string? Of(MailFolder folder) => folder == MailFolder.Sent ? Sent : null;
}
