using System.ComponentModel.DataAnnotations;
using Mailroom.Users;
using Mailroom.Web.Throttling;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Mailroom.Web.Pages.Users;

[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.SignIn)]
internal sealed class SignInModel(PasswordSignIn passwordSignIn, SignInManager<MailroomUser> signInManager) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    /// <summary>Where the cookie middleware was sent from; only local URLs are followed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Mismatch { get; private set; }

    public LockoutNotice? Lockout { get; private set; }

    public IActionResult OnGet() => signInManager.IsSignedIn(User) ? LocalRedirect("/") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await passwordSignIn.SignInAsync(Input.Email, Input.Password, Input.KeepSignedIn, PasswordSignIn.Cookie);
        if (outcome.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        Lockout = outcome.Lockout;
        Mismatch = outcome.Lockout is null;
        return Page();
    }

    internal sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your email address.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        public string Password { get; set; } = "";

        public bool KeepSignedIn { get; set; }
    }
}
