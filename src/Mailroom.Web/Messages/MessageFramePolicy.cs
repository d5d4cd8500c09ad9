namespace Mailroom.Web.Messages;

/// <summary>
/// The second layer around sanitised mail HTML (the first is <see cref="Mailroom.Messages.MailHtmlSanitizer"/>):
/// the frame document may run nothing, submit nothing and load nothing but inline styles and embedded (data:)
/// images, plus remote images once the user pressed "Show images". The CSP <c>sandbox</c> directive gives the
/// document an opaque origin even when it is opened directly, outside the sandboxed iframe.
/// </summary>
internal static class MessageFramePolicy
{
    /// <summary>The iframe's sandbox attribute: links may open a new tab (which leaves the sandbox); no scripts, no same-origin.</summary>
    public const string IframeSandbox = "allow-popups allow-popups-to-escape-sandbox";

    public static string ContentSecurityPolicy(bool showImages) =>
        "default-src 'none'; " +
        (showImages ? "img-src data: https: http:; " : "img-src data:; ") +
        "style-src 'unsafe-inline'; font-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; " +
        "form-action 'none'; base-uri 'none'; frame-ancestors 'self'; " +
        "sandbox " + IframeSandbox;

    /// <summary>For raw messages and attachments: never a document that could run in the app's origin.</summary>
    public const string InertContentSecurityPolicy = "default-src 'none'; sandbox";

    /// <summary>Readable defaults for mail that brings no styles of its own; the sender's styles come after and win.</summary>
    public const string BaseStyles =
        "<style>html{color-scheme:light}body{margin:16px 20px;font:14px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;" +
        "color:#1f2328;overflow-wrap:anywhere}img{max-width:100%}img[src]{height:auto}table{max-width:100%}" +
        "a{color:#0b57d0}blockquote{margin:0 0 0 .8em;padding-left:.8em;border-left:3px solid #d0d7de;color:#57606a}</style>";
}
