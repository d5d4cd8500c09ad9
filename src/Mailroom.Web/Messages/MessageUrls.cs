using Mailroom.Sending.Compose;

namespace Mailroom.Web.Messages;

/// <summary>Where a message's parts are served; one place, so pages and API responses link alike.</summary>
internal static class MessageUrls
{
    public static string Page(long id) => $"/messages/{id}";

    public static string Body(long id, bool showImages) => showImages ? $"/messages/{id}/body?images=true" : $"/messages/{id}/body";

    public static string Raw(long id) => $"/api/messages/{id}/raw";

    public static string RawDownload(long id) => $"/api/messages/{id}/raw?download=true";

    public static string Attachment(long id, int index) => $"/api/messages/{id}/attachments/{index}";

    /// <summary>Compose prefilled from a stored message: Reply, Reply all or Forward.</summary>
    public static string Compose(long id, ComposeMode mode) => mode switch
    {
        ComposeMode.ReplyAll => $"/compose?replyTo={id}&mode=replyAll",
        ComposeMode.Forward => $"/compose?replyTo={id}&mode=forward",
        _ => $"/compose?replyTo={id}&mode=reply",
    };
}
