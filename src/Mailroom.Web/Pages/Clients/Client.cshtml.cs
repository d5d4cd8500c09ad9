using Mailroom.Clients;
using Mailroom.Messages;
using Mailroom.Web.Clients;
using Mailroom.Web.Users;
using Mailroom.Workspaces;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages.Clients;

/// <summary>One client: its addresses (editable), the progress of re-filing, and its mail as one timeline.</summary>
internal sealed class ClientModel(WorkspaceDirectory workspaces, ClientDirectory clients, ClientTimeline timeline) : PageModel
{
    public const int PageSize = 50;

    [BindProperty]
    public ClientForm Edit { get; set; } = new();

    public ClientRecord Client { get; private set; } = null!;

    public TimelinePage Timeline { get; private set; } = new([], null);

    public bool IsFirstPage { get; private set; }

    public bool ShowForm { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string? after, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, after, cancellationToken))
        {
            return NotFound();
        }

        Edit = ClientForm.Of(Client);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        var membership = await workspaces.MembershipAsync(User.GetUserId(), cancellationToken);
        var errors = new Dictionary<string, string[]>();
        if (ClientInputValidator.Validate(Edit.ToInput(), errors) is { } valid)
        {
            var change = await clients.UpdateAsync(membership.WorkspaceId, id, valid, cancellationToken);
            switch (change.Status)
            {
                case ClientChangeStatus.NotFound:
                    return NotFound();
                case ClientChangeStatus.Updated:
                    return Redirect($"/clients/{id}");
                default:
                    errors["externalId"] = ["Another client already has this CRM id."];
                    break;
            }
        }

        if (!await LoadAsync(id, null, cancellationToken))
        {
            return NotFound();
        }

        ClientForm.AddErrors(ModelState, nameof(Edit), errors);
        ShowForm = true;
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        var membership = await workspaces.MembershipAsync(User.GetUserId(), cancellationToken);
        return await clients.DeleteAsync(membership.WorkspaceId, id, cancellationToken) ? Redirect("/clients") : NotFound();
    }

    /// <summary>Own mail opens in the reading pane; a teammate's shared mail opens read-only through the client.</summary>
    public string MessageHref(TimelineItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.FromSharedAccount ? $"/clients/{Client.Id}/messages/{item.Id}" : $"/messages/{item.Id}";
    }

    private async Task<bool> LoadAsync(long id, string? after, CancellationToken cancellationToken)
    {
        var membership = await workspaces.MembershipAsync(User.GetUserId(), cancellationToken);
        if (await clients.FindAsync(membership.WorkspaceId, id, cancellationToken) is not { } client)
        {
            return false;
        }

        Client = client;
        MessageCursor? cursor = MessageCursor.TryParse(after, out var parsed) ? parsed : null;
        IsFirstPage = cursor is null;
        Timeline = await timeline.ListAsync(membership, id, cursor, PageSize, cancellationToken) ?? new([], null);
        return true;
    }
}
