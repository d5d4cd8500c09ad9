using System.ComponentModel.DataAnnotations;
using Mailroom.Sending;
using Mailroom.Sending.Compose;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Mailroom.Web.Pages.Compose;

/// <summary>
/// Compose, and Reply / Reply all / Forward from a stored message (<c>/compose?replyTo={id}&amp;mode=reply|replyAll|forward</c>).
/// A failed send comes back at once with the server's refusal in words and the draft untouched; with JavaScript the page
/// posts in the background, so even the chosen files stay attached.
/// </summary>
internal sealed class IndexModel(ComposeDrafts drafts, OutgoingMailService outgoing, IOptionsMonitor<SendingOptions> options) : PageModel
{
    public const string FetchHeader = "X-Mailroom-Fetch";
    private const string SentKey = "Compose.Sent";

    [BindProperty]
    public ComposeForm Input { get; set; } = new();

    public IReadOnlyList<FromChoice> FromChoices { get; private set; } = [];

    public IReadOnlyList<string> ForwardedAttachments { get; private set; } = [];

    public SmtpVerdict? Verdict { get; private set; }

    public string? SentNotice { get; private set; }

    public long MaxAttachmentBytes => options.CurrentValue.MaxAttachmentBytes;

    public async Task<IActionResult> OnGetAsync(long? replyTo, string? mode, CancellationToken cancellationToken)
    {
        SentNotice = TempData[SentKey] as string;
        var owner = User.GetUserId();
        FromChoices = await drafts.FromChoicesAsync(owner, cancellationToken);
        if (replyTo is not { } messageId)
        {
            Input = new ComposeForm { FromAddressId = FromChoices.Count > 0 ? FromChoices[0].Id : null };
            return Page();
        }

        var draft = await drafts.FromMessageAsync(owner, messageId, ParseMode(mode), TimeZoneInfo.Utc, cancellationToken);
        if (draft is null)
        {
            return NotFound();
        }

        Input = ComposeForm.From(draft);
        ForwardedAttachments = draft.ForwardedAttachmentNames;
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync(List<IFormFile>? attachments, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var owner = User.GetUserId();
        var files = attachments ?? [];
        SendResult result;
        if (Input.FromAddressId is null)
        {
            result = SendResult.Invalid(new Dictionary<string, string[]>
            {
                ["FromAddressId"] = ["Choose the address to send from. Addresses are added and verified under Settings » Mail » Send Mail As."],
            });
        }
        else if (files.Sum(f => f.Length) > options.CurrentValue.MaxAttachmentBytes)
        {
            // Refused before reading the files into memory.
            result = SendResult.Invalid(new Dictionary<string, string[]>
            {
                ["Attachments"] = [$"Attachments can be at most {options.CurrentValue.MaxAttachmentBytes / 1024 / 1024} MB in total."],
            });
        }
        else
        {
            result = await outgoing.SendAsync(owner, await Input.ToInputAsync(files, cancellationToken), cancellationToken);
        }

        if (result.Status == SendStatus.NotFound)
        {
            return NotFound();
        }

        var isFetch = Request.Headers[FetchHeader] == "1";
        if (result.Status == SendStatus.Sent)
        {
            TempData[SentKey] = result.Notice is null ? "Message sent." : $"Message sent. {result.Notice}";
            return isFetch ? new JsonResult(new { sent = true, redirect = Url.Page("/Compose/Index") }) : RedirectToPage();
        }

        if (isFetch)
        {
            return new JsonResult(new { sent = false, verdict = result.Verdict, errors = result.Errors }) { StatusCode = StatusCodes.Status422UnprocessableEntity };
        }

        Verdict = result.Verdict;
        foreach (var (field, messages) in result.Errors ?? new Dictionary<string, string[]>())
        {
            foreach (var message in messages)
            {
                ModelState.AddModelError($"{nameof(Input)}.{field}", message);
            }
        }

        FromChoices = await drafts.FromChoicesAsync(owner, cancellationToken);
        return Page();
    }

    private static ComposeMode ParseMode(string? mode) => mode?.ToLowerInvariant() switch
    {
        "replyall" or "reply-all" => ComposeMode.ReplyAll,
        "forward" => ComposeMode.Forward,
        _ => ComposeMode.Reply,
    };
}

/// <summary>The compose form as posted; attachments arrive separately as files.</summary>
internal sealed class ComposeForm
{
    [Display(Name = "From")]
    public Guid? FromAddressId { get; set; }

    [Display(Name = "To")]
    public string? To { get; set; }

    [Display(Name = "Cc")]
    public string? Cc { get; set; }

    [Display(Name = "Bcc")]
    public string? Bcc { get; set; }

    [Display(Name = "Subject")]
    public string? Subject { get; set; }

    [Display(Name = "Message")]
    public string? Body { get; set; }

    public long? OriginalMessageId { get; set; }

    public ComposeMode Mode { get; set; }

    public static ComposeForm From(ComposeDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new()
        {
            FromAddressId = draft.FromAddressId,
            To = draft.To,
            Cc = draft.Cc,
            Subject = draft.Subject,
            Body = draft.Body,
            OriginalMessageId = draft.OriginalMessageId,
            Mode = draft.Mode,
        };
    }

    public async Task<ComposeInput> ToInputAsync(IReadOnlyList<IFormFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var attachments = new List<OutgoingAttachment>();
        foreach (var file in files.Where(f => f.Length > 0))
        {
            using var content = new MemoryStream();
            await file.CopyToAsync(content, cancellationToken);
            attachments.Add(new OutgoingAttachment(Path.GetFileName(file.FileName), file.ContentType, content.ToArray()));
        }

        return new ComposeInput
        {
            FromAddressId = FromAddressId ?? Guid.Empty,
            To = To,
            Cc = Cc,
            Bcc = Bcc,
            Subject = Subject,
            Body = Body,
            Attachments = attachments,
            OriginalMessageId = OriginalMessageId,
            Mode = Mode,
        };
    }
}
