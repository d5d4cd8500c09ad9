using System.ComponentModel.DataAnnotations;
using Mailroom.Users;
using Mailroom.Web.Throttling;
using Mailroom.Web.Users;
using Mailroom.Workspaces;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Mailroom.Web.Pages.Users;

[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.SignUp)]
internal sealed class SignUpModel(
    UserManager<MailroomUser> users,
    SignInManager<MailroomUser> signInManager,
    IOptions<UserSecurityOptions> options,
    WorkspaceDirectory workspaces,
    ILogger<SignUpModel> logger) : PageModel
{
    [BindProperty]
    public SignUpInput Input { get; set; } = new();

    public int RequiredPasswordLength => options.Value.RequiredPasswordLength;

    public IActionResult OnGet() => signInManager.IsSignedIn(User) ? LocalRedirect("/") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = new MailroomUser { UserName = Input.Email, Email = Input.Email };
        var result = await users.CreateAsync(user, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors.DistinctBy(error => error.Description))
            {
                var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email";
                ModelState.AddModelError(field, error.Description);
            }

            return Page();
        }

        UserLog.SignedUp(logger, user.Id);
        await workspaces.CreateOwnAsync(user.Id, HttpContext.RequestAborted);
        await signInManager.SignInAsync(user, isPersistent: false);
        return LocalRedirect("/");
    }

    internal sealed class SignUpInput
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(256)]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(256)]
        public string Password { get; set; } = "";
    }
}
