using Mailroom.Sending.Queue;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Mailroom.Web.Sending;

/// <summary>
/// The line a user sees after Send, on the page they went back to: "Message sent. Undo · View message" (or the time
/// it is scheduled for). Compose leaves the queued message's id in TempData; the banner shows it once.
/// </summary>
internal sealed class SendQueueBannerViewComponent(SendQueueStore queue) : ViewComponent
{
    private const string Key = "Compose.Queued";

    public static void Show(ITempDataDictionary tempData, Guid queuedId)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        tempData[Key] = queuedId;
    }

    public async Task<IViewComponentResult> InvokeAsync()
    {
        // TempData's serializer hands a stored Guid back as a Guid.
        if (User.Identity?.IsAuthenticated != true || TempData[Key] is not Guid id
            || await queue.FindAsync(HttpContext.User.GetUserId(), id, HttpContext.RequestAborted) is not { } queued)
        {
            return Content("");
        }

        return View(queued);
    }
}
