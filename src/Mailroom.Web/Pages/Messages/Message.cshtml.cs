using Mailroom.Messages;
using Mailroom.Web.Messages;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages.Messages;

/// <summary>The reading pane: opening a message marks it read; the HTML body lives in a sandboxed frame.</summary>
internal sealed class MessageModel(MessageLookup messages, ReadState readState, OpenedMessageBodies bodies) : PageModel
{
    public long Id { get; private set; }

    public MessageView View { get; private set; } = null!;

    public bool ShowImages { get; private set; }

    /// <summary>Plain text instead of the HTML body, when the message has both and the user asked for it.</summary>
    public bool ShowText { get; private set; }

    /// <summary>The list this message was opened from (account, search, page), for Back and after Mark unread.</summary>
    public string ListHref { get; private set; } = "/";

    public string ListQuery { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, bool images, string? view, CancellationToken cancellationToken)
    {
        var userId = User.GetUserId();
        var message = await messages.FindAsync(userId, id, cancellationToken);
        if (message?.Raw is null)
        {
            return NotFound();
        }

        if (!message.IsRead)
        {
            await readState.SetAsync(userId, [id], read: true, cancellationToken);
        }

        Id = id;
        ShowImages = images;
        // Built with the frame's own image choice, and kept for the frame request: one parse and one sanitise per open.
        View = MessageViewBuilder.Build(message.Raw.Content, message.SentAt, allowRemoteImages: images);
        if (View.Html is { } body)
        {
            bodies.Keep(userId, id, images, body);
        }

        ShowText = View.Text is not null && (View.Html is null || view == "text");
        ListQuery = ListContext.From(Request.Query);
        ListHref = "/" + ListQuery;
        return Page();
    }

    public async Task<IActionResult> OnPostMarkUnreadAsync(long id, CancellationToken cancellationToken)
    {
        if (await readState.SetAsync(User.GetUserId(), [id], read: false, cancellationToken) == 0)
        {
            return NotFound();
        }

        return Redirect("/" + ListContext.From(Request.Query));
    }

    /// <summary>The href of this page with one more query value, keeping the list context.</summary>
    public string Href(string? extra = null)
    {
        var query = ListQuery;
        if (extra is not null)
        {
            query += (query.Length == 0 ? "?" : "&") + extra;
        }

        return $"/messages/{Id}{query}";
    }
}
