using Mailroom.Web.Throttling;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages;

/// <summary>Re-executed for error status codes and unhandled exceptions on pages (never for /api).</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
internal sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";

    public string Explanation { get; private set; } = "Mailroom could not finish that request. Please try again in a moment.";

    public void OnGet(int? statusCode) => Describe(statusCode);

    public void OnPost(int? statusCode) => Describe(statusCode);

    private void Describe(int? statusCode)
    {
        switch (statusCode)
        {
            case StatusCodes.Status404NotFound:
                Title = "Page not found";
                Explanation = "There is nothing at this address, or it belongs to someone else.";
                break;
            case StatusCodes.Status403Forbidden:
                Title = "Not allowed";
                Explanation = "Your account cannot open this page.";
                break;
            case StatusCodes.Status429TooManyRequests:
                Title = "Slow down";
                Explanation = HttpContext.Items[RateLimitPolicies.TooManyRequestsItem] as string ?? RateLimitPolicies.TooManyRequestsMessage(60);
                break;
            case StatusCodes.Status400BadRequest:
                Title = "That didn't work";
                Explanation = "The form may have expired. Go back, reload the page and try again.";
                break;
        }
    }
}
