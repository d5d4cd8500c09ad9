using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages.Settings.Mail;

public sealed class AccountsModel : PageModel
{
    public void OnGet()
    {
    }
}
