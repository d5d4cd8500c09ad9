using Mailroom.Clients;
using Mailroom.Messages;
using Mailroom.Web.Users;
using Mailroom.Workspaces;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages.Clients;

/// <summary>
/// A teammate's message from a shared account, opened from a client's timeline: read-only (no reply, no read state),
/// as plain text so nothing of the sender's HTML runs or loads.
/// </summary>
internal sealed class SharedMessageModel(WorkspaceDirectory workspaces, ClientTimeline timeline) : PageModel
{
    public const int MaxTextLength = 200_000;

    public long ClientId { get; private set; }

    public MessageView View { get; private set; } = null!;

    public string Text { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long clientId, long id, CancellationToken cancellationToken)
    {
        var membership = await workspaces.MembershipAsync(User.GetUserId(), cancellationToken);
        var message = await timeline.FindSharedAsync(membership, clientId, id, cancellationToken);
        if (message?.Raw is null)
        {
            return NotFound();
        }

        ClientId = clientId;
        View = MessageViewBuilder.Build(message.Raw.Content, message.SentAt, allowRemoteImages: false);
        Text = View.Text is { } segments
            ? string.Concat(segments.Select(s => s.Text))
            : View.Html is { } html ? HtmlToPlainText.Extract(html.Html, MaxTextLength) : "";
        return Page();
    }
}
