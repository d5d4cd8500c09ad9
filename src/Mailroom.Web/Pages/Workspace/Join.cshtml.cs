using Mailroom.Web.Users;
using Mailroom.Workspaces;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages.Workspace;

/// <summary>The invitation link: shows which workspace invites whom, and joins on Accept (signed in as that address).</summary>
internal sealed class JoinModel(WorkspaceInvitations invitations) : PageModel
{
    public InvitationPreview? Invitation { get; private set; }

    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Invitation = await invitations.PreviewAsync(Token ?? "", cancellationToken);
        if (Invitation is null)
        {
            Error = "This invitation link is not valid any more. Ask the workspace owner for a new one.";
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await invitations.AcceptAsync(User.GetUserId(), Token, cancellationToken);
        if (result.Status == InvitationStatus.Joined)
        {
            return Redirect("/clients");
        }

        Error = result.Error;
        Invitation = await invitations.PreviewAsync(Token ?? "", cancellationToken);
        return Page();
    }
}
