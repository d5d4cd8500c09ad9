using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages;

/// <summary>The main pane for "All mail"; the message list takes its place.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
