using Mailroom.Users;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages.Users;

/// <summary>Sign-out is a POST with an antiforgery token; a GET (a link, an image on another site) changes nothing.</summary>
[AllowAnonymous]
internal sealed class SignOutModel(SignInManager<MailroomUser> signInManager, ILogger<SignOutModel> logger) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (signInManager.IsSignedIn(User))
        {
            var userId = User.GetUserId();
            UserLog.SignedOut(logger, userId);
        }

        await signInManager.SignOutAsync();
        return LocalRedirect("/sign-in");
    }
}
