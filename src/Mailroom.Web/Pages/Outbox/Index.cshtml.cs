using Mailroom.Sending.Queue;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages.Outbox;

/// <summary>
/// "View message" after Send: the sent copy once it has gone, otherwise the message's place in the send queue (when it
/// goes, Undo while it waits, the server's refusal if it failed). Undo brings the message back into compose.
/// </summary>
internal sealed class IndexModel(SendQueueStore queue) : PageModel
{
    public QueuedMessage Queued { get; private set; } = null!;

    public bool TooLate { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await queue.FindAsync(User.GetUserId(), id, cancellationToken) is not { } queued)
        {
            return NotFound();
        }

        if (queued is { State: QueuedMessageState.Sent, SentCopyId: { } copyId })
        {
            return Redirect($"/messages/{copyId}");
        }

        Queued = queued;
        return Page();
    }

    public async Task<IActionResult> OnPostUndoAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = await queue.UndoAsync(User.GetUserId(), id, cancellationToken);
        if (outcome == UndoOutcome.NotFound)
        {
            return NotFound();
        }

        if (outcome == UndoOutcome.Undone)
        {
            return Redirect($"/compose?undone={id}");
        }

        TooLate = true;
        return await OnGetAsync(id, cancellationToken);
    }
}
