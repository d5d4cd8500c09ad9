using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages.Live;

/// <summary>The left pane alone, drawn for the page named in <c>for</c>: what live.js swaps in when counts, progress or an account's state change.</summary>
internal sealed class NavModel : PageModel
{
    [BindProperty(SupportsGet = true, Name = "for")]
    public string? For { get; set; }
}
