using Mailroom.Accounts;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages.Live;

/// <summary>The trouble banners alone (one account's, or all of them for All mail), for live.js to swap in; 404 for an account that is not the user's.</summary>
internal sealed class TroubleModel(Pop3AccountService accounts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Account { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        Account is { } accountId && await accounts.FindStateAsync(User.GetUserId(), accountId, cancellationToken) is null ? NotFound() : Page();
}
