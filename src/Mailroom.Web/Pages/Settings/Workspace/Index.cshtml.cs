using Mailroom.Accounts;
using Mailroom.Web.Clients;
using Mailroom.Web.Users;
using Mailroom.Workspaces;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages.Settings.Workspace;

/// <summary>Settings » Workspace: who is in it, inviting people (owners), and which of your mail accounts the team may see.</summary>
internal sealed class IndexModel(
    WorkspaceDirectory workspaces, WorkspaceInvitations invitations, AccountSharing sharing, Pop3AccountService accounts) : PageModel
{
    public Mailroom.Workspaces.Workspace Workspace { get; private set; } = null!;

    public WorkspaceMember Membership { get; private set; } = null!;

    public IReadOnlyList<WorkspaceMemberSummary> Members { get; private set; } = [];

    public IReadOnlyList<AccountSummary> Accounts { get; private set; } = [];

    public IReadOnlySet<Guid> Shared { get; private set; } = new HashSet<Guid>();

    [BindProperty]
    public string? InviteEmail { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        var result = await invitations.InviteAsync(User.GetUserId(), InviteEmail, InvitationLinks.For(Request), cancellationToken);
        if (result.Status == InvitationStatus.Sent)
        {
            Notice = $"Invitation sent to {InviteEmail!.Trim()}. It works for {WorkspaceInvitations.Lifetime.TotalDays:0} days.";
            return RedirectToPage();
        }

        ModelState.AddModelError(nameof(InviteEmail), result.Error!);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSharingAsync(Guid accountId, bool shared, CancellationToken cancellationToken)
    {
        if (!await sharing.SetAsync(User.GetUserId(), accountId, shared, cancellationToken))
        {
            return NotFound();
        }

        Notice = shared
            ? "The account is shared: your teammates see its mail in client timelines, read-only. They never see its settings or password."
            : "The account is private: only you see its mail.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var userId = User.GetUserId();
        Membership = await workspaces.MembershipAsync(userId, cancellationToken);
        Workspace = await workspaces.WorkspaceAsync(Membership.WorkspaceId, cancellationToken);
        Members = await workspaces.MembersAsync(Membership.WorkspaceId, cancellationToken);
        Accounts = await accounts.ListAsync(userId, cancellationToken);
        Shared = await sharing.SharedAccountIdsAsync(userId, cancellationToken);
    }
}
