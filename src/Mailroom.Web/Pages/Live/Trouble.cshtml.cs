using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages.Live;

/// <summary>The trouble banners alone (one account's, or all of them for All mail), for live.js to swap in.</summary>
internal sealed class TroubleModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Account { get; set; }
}
