using System.Security.Claims;
using Mailroom.Messages;
using Mailroom.Web.Users;

namespace Mailroom.Web.Messages;

/// <summary>
/// What the reading pane loads besides the page itself: the sanitised HTML body for its sandboxed frame.
/// Raw messages and attachments are served by the JSON API, which the pages link to (cookie sign-in works there too).
/// </summary>
internal static class MessageContentEndpoints
{
    public static IEndpointRouteBuilder MapMessageContent(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/messages/{id:long}/body", BodyAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> BodyAsync(
        long id, bool? images, ClaimsPrincipal user, MessageLookup messages, HttpResponse response, CancellationToken cancellationToken)
    {
        var message = await messages.FindAsync(user.GetUserId(), id, cancellationToken);
        if (message?.Raw is null)
        {
            return Results.NotFound();
        }

        var showImages = images == true;
        var html = MessageViewBuilder.SanitizedHtml(message.Raw.Content, showImages)?.Html ?? "<html><head></head><body></body></html>";
        response.Headers.ContentSecurityPolicy = MessageFramePolicy.ContentSecurityPolicy(showImages);
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "private, no-store";
        return Results.Content(WithBaseStyles(html), "text/html; charset=utf-8");
    }

    private static string WithBaseStyles(string document)
    {
        const string head = "<head>";
        var at = document.IndexOf(head, StringComparison.OrdinalIgnoreCase);
        var prefix = "<meta charset=\"utf-8\">" + MessageFramePolicy.BaseStyles;
        return at < 0 ? prefix + document : document.Insert(at + head.Length, prefix);
    }
}
