using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages.Settings.Mail;

public sealed class SendAsModel : PageModel
{
    public void OnGet()
    {
    }
}
