using System.ComponentModel.DataAnnotations;
using Mailroom.Network;
using Mailroom.Sending;
using Mailroom.Sending.Compose;
using Mailroom.Web.Sending;
using Mailroom.Web.Throttling;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Mailroom.Web.Pages.Compose;

/// <summary>
/// Compose, and Reply / Reply all / Forward from a stored message (<c>/compose?replyTo={id}&amp;mode=reply|replyAll|forward</c>),
/// or an undone message back (<c>/compose?undone={queuedId}</c>). Send puts the message in the send queue for the undo
/// window (or Schedule send for a chosen time) and takes the user back where they came from, where
/// <see cref="SendQueueBannerViewComponent"/> says "Message sent. Undo · View message". Refused input comes back at once with
/// the draft untouched; with JavaScript the page posts in the background, so even the chosen files stay attached.
/// </summary>
[EnableRateLimiting(RateLimitPolicies.Send)]
internal sealed class IndexModel(ComposeDrafts drafts, OutgoingMailService outgoing, IOptionsMonitor<SendingOptions> options) : PageModel
{
    public const string FetchHeader = "X-Mailroom-Fetch";

    [BindProperty]
    public ComposeForm Input { get; set; } = new();

    public IReadOnlyList<FromChoice> FromChoices { get; private set; } = [];

    public IReadOnlyList<string> ForwardedAttachments { get; private set; } = [];

    public ConnectionVerdict? Verdict { get; private set; }

    public IReadOnlyList<string> AttachmentsToAddAgain { get; private set; } = [];

    public long MaxAttachmentBytes => options.CurrentValue.MaxAttachmentBytes;

    public async Task<IActionResult> OnGetAsync(long? replyTo, string? mode, Guid? undone, string? returnUrl, CancellationToken cancellationToken)
    {
        var owner = User.GetUserId();
        FromChoices = await drafts.FromChoicesAsync(owner, cancellationToken);
        var back = LocalOrNull(returnUrl) ?? LocalOrNull(Request.Headers.Referer.ToString()) ?? "/";
        if (undone is { } queuedId)
        {
            if (await drafts.FromUndoneAsync(owner, queuedId, cancellationToken) is not { } restored)
            {
                return NotFound();
            }

            Input = ComposeForm.From(restored.Draft);
            Input.ReturnUrl = LocalOrNull(returnUrl) ?? "/";
            ForwardedAttachments = restored.Draft.ForwardedAttachmentNames;
            AttachmentsToAddAgain = restored.AttachmentsToAddAgain;
            return Page();
        }

        if (replyTo is not { } messageId)
        {
            Input = new ComposeForm { FromAddressId = FromChoices.Count > 0 ? FromChoices[0].Id : null, ReturnUrl = back };
            return Page();
        }

        var draft = await drafts.FromMessageAsync(owner, messageId, ParseMode(mode), TimeZoneInfo.Utc, cancellationToken);
        if (draft is null)
        {
            return NotFound();
        }

        Input = ComposeForm.From(draft);
        Input.ReturnUrl = back;
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
            // With no undo window configured, Send hands the message over in this request and a refusal shows at once.
            var input = await Input.ToInputAsync(files, cancellationToken);
            result = Input.SendAt is null && options.CurrentValue.UndoDelay == TimeSpan.Zero
                ? await outgoing.SendAsync(owner, input, cancellationToken)
                : await outgoing.QueueAsync(owner, input, Input.SendAt, cancellationToken);
        }

        if (result.Status == SendStatus.NotFound)
        {
            return NotFound();
        }

        var isFetch = Request.Headers[FetchHeader] == "1";
        if (result.Status is SendStatus.Queued or SendStatus.Sent)
        {
            SendQueueBannerViewComponent.Show(TempData, result.QueuedId!.Value);
            var back = LocalOrNull(Input.ReturnUrl) ?? "/";
            return isFetch ? new JsonResult(new { sent = true, redirect = back }) : LocalRedirect(back);
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

    /// <summary>Only a path on this site: never an open redirect, and never back into compose itself.</summary>
    private string? LocalOrNull(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return null;
        }

        // Checked for a local path first: on Linux "/x" also parses as an absolute file: URI.
        if (!Url.IsLocalUrl(url) && Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            if (!string.Equals(absolute.Authority, Request.Host.Value, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            url = absolute.PathAndQuery;
        }

        return Url.IsLocalUrl(url) && !url.StartsWith("/compose", StringComparison.OrdinalIgnoreCase) ? url : null;
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

    /// <summary>Schedule send: when to send. Null sends after the undo window.</summary>
    public DateTimeOffset? SendAt { get; set; }

    /// <summary>Where Send takes the user back to (a local path).</summary>
    public string? ReturnUrl { get; set; }

    public static ComposeForm From(ComposeDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new()
        {
            FromAddressId = draft.FromAddressId,
            To = draft.To,
            Cc = draft.Cc,
            Bcc = draft.Bcc,
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
