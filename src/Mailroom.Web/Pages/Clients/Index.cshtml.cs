using Mailroom.Clients;
using Mailroom.Web.Clients;
using Mailroom.Web.Users;
using Mailroom.Workspaces;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages.Clients;

/// <summary>The workspace's clients by name, with search, paging and a form to add one.</summary>
internal sealed class IndexModel(WorkspaceDirectory workspaces, ClientDirectory clients) : PageModel
{
    [BindProperty]
    public ClientForm Input { get; set; } = new();

    public ClientPage Clients { get; private set; } = new([], null);

    public string? Search { get; private set; }

    public bool ShowForm { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? q, string? after, CancellationToken cancellationToken)
    {
        await LoadAsync(q, after, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var membership = await workspaces.MembershipAsync(User.GetUserId(), cancellationToken);
        if (ClientInputValidator.Validate(Input.ToInput(), errors) is { } valid)
        {
            var created = await clients.CreateAsync(membership.WorkspaceId, valid, cancellationToken);
            if (created.Client is { } client)
            {
                return Redirect($"/clients/{client.Id}");
            }

            errors["externalId"] = ["Another client already has this CRM id."];
        }

        ClientForm.AddErrors(ModelState, nameof(Input), errors);
        ShowForm = true;
        await LoadAsync(null, null, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(string? q, string? after, CancellationToken cancellationToken)
    {
        Search = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        var membership = await workspaces.MembershipAsync(User.GetUserId(), cancellationToken);
        ClientCursor? cursor = ClientCursor.TryParse(after, out var parsed) ? parsed : null;
        Clients = await clients.ListAsync(membership.WorkspaceId, Search, cursor, ClientDirectory.DefaultPageSize, cancellationToken);
    }
}
