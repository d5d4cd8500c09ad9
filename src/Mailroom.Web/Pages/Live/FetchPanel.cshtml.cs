using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages.Live;

/// <summary>One account's fetch panel alone (empty for an account that is not the user's), for live.js to swap in.</summary>
internal sealed class LiveFetchPanelModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid AccountId { get; set; }
}
