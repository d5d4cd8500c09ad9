using System.Security.Claims;
using Mailroom.Sending;
using Mailroom.Sending.Compose;
using Mailroom.Web.Throttling;
using Mailroom.Web.Users;

namespace Mailroom.Web.Api.Sending;

/// <summary>
/// POST /api/send: the compose form as JSON, attachments base64-encoded. Sent at once (200) unless it asks for the undo
/// window (<c>holdForUndo</c>) or a time (<c>sendAt</c>): then it waits in the send queue (202, see /api/outbox).
/// </summary>
internal static class SendEndpoint
{
    public static RouteGroupBuilder MapSendEndpoint(this RouteGroupBuilder api)
    {
        api.MapPost("/send", SendAsync)
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicies.Send)
            .WithTags("Send Mail As")
            .WithSummary("Sends a message from one of the user's verified addresses through its route and files a copy as sent mail, now or through the send queue.");
        return api;
    }

    private static async Task<IResult> SendAsync(SendRequest request, ClaimsPrincipal user, OutgoingMailService outgoing, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.ToInput(errors) is not { } input)
        {
            return SendingProblems.Invalid(errors);
        }

        var result = request.SendAt is not null || request.HoldForUndo == true
            ? await outgoing.QueueAsync(user.GetUserId(), input, request.SendAt, cancellationToken)
            : await outgoing.SendAsync(user.GetUserId(), input, cancellationToken);
        return result.Status switch
        {
            SendStatus.Queued => Results.Accepted($"/api/outbox/{result.QueuedId}", new QueuedJson(result.QueuedId!.Value, result.MessageIdHeader!, result.DueAt!.Value)),
            SendStatus.NotFound => Results.NotFound(),
            SendStatus.Invalid => SendingProblems.Invalid(result.Errors!),
            SendStatus.NotVerified => SendingProblems.Verdict(result.Verdict!, StatusCodes.Status403Forbidden),
            SendStatus.Failed => SendingProblems.Verdict(result.Verdict!),
            _ => Results.Ok(new SentJson(result.MessageIdHeader!, result.SentCopyId, result.Notice)),
        };
    }
}

/// <summary>
/// Mode: "new" (default), "reply", "reply-all" or "forward", with <see cref="OriginalMessageId"/> for the last three.
/// <see cref="SendAt"/> schedules the message; <see cref="HoldForUndo"/> holds it for the configured undo delay.
/// </summary>
internal sealed record SendRequest(
    Guid FromAddressId,
    string? To,
    string? Cc,
    string? Bcc,
    string? Subject,
    string? Body,
    IReadOnlyList<AttachmentRequest>? Attachments,
    long? OriginalMessageId,
    string? Mode,
    DateTimeOffset? SendAt = null,
    bool? HoldForUndo = null)
{
    /// <summary>Null, with the reasons in <paramref name="errors"/>, when the mode is unknown or an attachment is not valid base64.</summary>
    public ComposeInput? ToInput(Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var mode = Mode?.ToLowerInvariant() switch
        {
            null or "" or "new" => ComposeMode.New,
            "reply" => ComposeMode.Reply,
            "reply-all" or "replyall" => ComposeMode.ReplyAll,
            "forward" => ComposeMode.Forward,
            _ => (ComposeMode?)null,
        };
        var attachments = new List<OutgoingAttachment>();
        foreach (var attachment in Attachments ?? [])
        {
            var content = new byte[((attachment.ContentBase64?.Length ?? 0) * 3 / 4) + 3];
            if (attachment.FileName is null || !Convert.TryFromBase64String(attachment.ContentBase64 ?? "", content, out var length))
            {
                errors["Attachments"] = ["Each attachment needs a fileName and its content as base64."];
                return null;
            }

            attachments.Add(new OutgoingAttachment(attachment.FileName, attachment.ContentType ?? "application/octet-stream", content[..length]));
        }

        if (mode is null)
        {
            errors["Mode"] = ["Use \"new\", \"reply\", \"reply-all\" or \"forward\"."];
            return null;
        }

        return new ComposeInput
        {
            FromAddressId = FromAddressId,
            To = To,
            Cc = Cc,
            Bcc = Bcc,
            Subject = Subject,
            Body = Body,
            Attachments = attachments,
            OriginalMessageId = OriginalMessageId,
            Mode = mode.Value,
        };
    }
}

internal sealed record AttachmentRequest(string? FileName, string? ContentType, string? ContentBase64);

internal sealed record SentJson(string MessageId, long? SentCopyId, string? Notice);

internal sealed record QueuedJson(Guid Id, string MessageId, DateTimeOffset DueAt);
