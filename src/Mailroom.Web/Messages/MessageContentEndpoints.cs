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
    /// <summary>The body cache the reading page fills and the frame endpoint reads.</summary>
    public static IServiceCollection AddMessageContent(this IServiceCollection services) => services.AddSingleton<OpenedMessageBodies>();

    public static IEndpointRouteBuilder MapMessageContent(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/messages/{id:long}/body", BodyAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> BodyAsync(
        long id, bool? images, ClaimsPrincipal user, MessageLookup messages, OpenedMessageBodies bodies, HttpResponse response, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId();
        var showImages = images == true;
        var body = bodies.Find(userId, id, showImages);
        if (body is null)
        {
            var message = await messages.FindAsync(userId, id, cancellationToken);
            if (message?.Raw is null)
            {
                return Results.NotFound();
            }

            body = MessageViewBuilder.SanitizedHtml(message.Raw.Content, showImages);
        }

        var html = body?.Html ?? "<html><head></head><body></body></html>";
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
