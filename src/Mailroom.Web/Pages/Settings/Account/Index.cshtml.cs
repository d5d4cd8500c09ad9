using System.ComponentModel.DataAnnotations;
using Mailroom.Users;
using Mailroom.Web.Users;
using Mailroom.Web.Users.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages.Settings.Account;

/// <summary>
/// Settings » Your account: change the password (which ends every other session), the open sessions with device and
/// last seen, signing one out, and signing out everywhere.
/// </summary>
internal sealed class IndexModel(UserManager<MailroomUser> users, SignInManager<MailroomUser> signInManager, UserSessions sessions, ILogger<IndexModel> logger) : PageModel
{
    private const string NoticeKey = "AccountNotice";

    [BindProperty]
    public ChangePasswordInput Password { get; set; } = new();

    public IReadOnlyList<UserSession> Sessions { get; private set; } = [];

    public Guid? CurrentSessionId => SessionClaims.SessionIdOf(User);

    public string? Notice { get; private set; }

    public string Email { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (ModelState.IsValid)
        {
            var result = await users.ChangePasswordAsync(user, Password.Current, Password.New);
            if (result.Succeeded)
            {
                // A new password ends every session, this one included; this browser signs in again at once.
                await sessions.EndAllAsync(user.Id, cancellationToken);
                await signInManager.SignInAsync(user, isPersistent: false);
                UserLog.PasswordChanged(logger, user.Id);
                TempData[NoticeKey] = "Your password is changed. Every other device was signed out.";
                return RedirectToPage();
            }

            foreach (var error in result.Errors.DistinctBy(e => e.Description))
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? "Password.Current" : "Password.New",
                    error.Code == "PasswordMismatch" ? "That is not your current password." : error.Description);
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostEndSessionAsync(Guid id, CancellationToken cancellationToken)
    {
        await sessions.EndAsync(User.GetUserId(), id, cancellationToken);
        if (id == CurrentSessionId)
        {
            await signInManager.SignOutAsync();
            return LocalRedirect("/sign-in");
        }

        TempData[NoticeKey] = "That session is signed out.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEverywhereAsync(CancellationToken cancellationToken)
    {
        var userId = User.GetUserId();
        await sessions.EndAllAsync(userId, cancellationToken);
        await signInManager.SignOutAsync();
        UserLog.SignedOutEverywhere(logger, userId);
        return LocalRedirect("/sign-in");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Notice = TempData[NoticeKey] as string;
        Email = User.Identity?.Name ?? "";
        Sessions = await sessions.ListOpenAsync(User.GetUserId(), cancellationToken);
    }

    internal sealed class ChangePasswordInput
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [StringLength(256)]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "Choose a new password.")]
        [StringLength(256)]
        public string New { get; set; } = "";

        [Compare(nameof(New), ErrorMessage = "The two new passwords are not the same.")]
        public string Repeat { get; set; } = "";
    }
}
