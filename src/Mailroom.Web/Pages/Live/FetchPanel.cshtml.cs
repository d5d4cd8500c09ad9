using Mailroom.Accounts;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages.Live;

/// <summary>One account's fetch panel alone, for live.js to swap in; 404 for an account that is not the user's.</summary>
internal sealed class LiveFetchPanelModel(Pop3AccountService accounts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid AccountId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await accounts.FindStateAsync(User.GetUserId(), AccountId, cancellationToken) is null ? NotFound() : Page();
}
