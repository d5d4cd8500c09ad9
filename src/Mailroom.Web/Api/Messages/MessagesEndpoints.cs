using System.ComponentModel;
using System.Security.Claims;
using Mailroom.Messages;
using Mailroom.Search;
using Mailroom.Web.Messages;
using Mailroom.Web.Search;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mailroom.Web.Api.Messages;

/// <summary>
/// /api/messages: the reading features for the rest of the CRM. Every lookup is filtered by the signed-in owner,
/// so another user's message ids answer 404, exactly like ids that do not exist.
/// </summary>
internal static class MessagesEndpoints
{
    public static RouteGroupBuilder MapMessagesEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var messages = api.MapGroup("/messages").WithTags("Messages");
        messages.MapGet("/", ListAsync)
            .WithSummary("List or search messages, newest sent first, one account or all mail, the inbox or sent mail (folder=sent); cursor-paged.")
            .WithDescription(SearchSyntax.Description);
        messages.MapGet("/unread-counts", UnreadCountsAsync).WithSummary("Unread inbox messages per account and in total.");
        messages.MapGet("/{id:long}", GetAsync).WithSummary("One message: headers, sanitised HTML, text and attachments.");
        messages.MapGet("/{id:long}/raw", RawAsync).WithSummary("The message exactly as fetched: text/plain, or an .eml download.");
        messages.MapGet("/{id:long}/attachments/{index:int}", AttachmentAsync).WithSummary("Download one attachment.");
        messages.MapPost("/read-state", SetReadStateAsync).WithSummary("Mark one or more messages read or unread.");
        return api;
    }

    private static async Task<Results<Ok<MessageListResponse>, NotFound, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, MessageListQuery query, SearchParameters search, SearchBackfillProgress backfill, Guid? account, string? folder,
        [Description(SearchSyntax.Q)] string? q,
        [Description(SearchSyntax.Tz)] string? tz,
        [Description(SearchSyntax.Partial)] bool? partial,
        string? after, string? before, int? limit,
        CancellationToken cancellationToken)
    {
        if (!FolderParameter.TryParse(folder, out var mailFolder))
        {
            return TypedResults.Problem(title: "Unknown folder.", detail: "Use 'inbox' (the default) or 'sent'.", statusCode: 400);
        }

        MessageCursor? afterCursor = null, beforeCursor = null;
        if ((after is not null && !TryCursor(after, out afterCursor)) || (before is not null && !TryCursor(before, out beforeCursor)))
        {
            return TypedResults.Problem(title: "Invalid cursor.", detail: "Pass the 'older' or 'newer' value of a previous page unchanged.", statusCode: 400);
        }

        if (afterCursor is not null && beforeCursor is not null)
        {
            return TypedResults.Problem(title: "Give 'after' or 'before', not both.", statusCode: 400);
        }

        var page = await query.ListAsync(
            new MessageListRequest(user.GetUserId(), account, mailFolder, Search: search.Parse(q, tz, partial == true), After: afterCursor, Before: beforeCursor,
                PageSize: limit ?? MessageListRequest.DefaultPageSize),
            cancellationToken);
        if (page is null)
        {
            return TypedResults.NotFound();
        }

        var indexed = page.Search is null ? null : await backfill.PercentForAsync(user.GetUserId(), cancellationToken);
        return TypedResults.Ok(new MessageListResponse(
            [.. page.Items.Select(item => MessageListEntry.Of(item, page.Search))], page.Older?.Encode(), page.Newer?.Encode(),
            SearchSummary.Of(page.Search, SearchParameters.TimeZoneOf(tz), indexed)));
    }

    private static async Task<Ok<UnreadCountsResponse>> UnreadCountsAsync(
        ClaimsPrincipal user, UnreadCounter counter, CancellationToken cancellationToken)
    {
        var counts = await counter.CountAsync(user.GetUserId(), cancellationToken);
        return TypedResults.Ok(new UnreadCountsResponse(
            counts.Total, counts.IsTotalCapped, [.. counts.ByAccount.Select(c => new AccountUnreadCount(c.Key, c.Value, counts.IsCapped(c.Key)))]));
    }

    private static async Task<Results<Ok<MessageResponse>, NotFound>> GetAsync(
        long id, ClaimsPrincipal user, MessageLookup messages, CancellationToken cancellationToken)
    {
        var message = await messages.FindAsync(user.GetUserId(), id, cancellationToken);
        if (message?.Raw is null)
        {
            return TypedResults.NotFound();
        }

        var view = MessageViewBuilder.Build(message.Raw.Content, message.SentAt, allowRemoteImages: false);
        return TypedResults.Ok(new MessageResponse(
            message.Id,
            message.AccountId,
            view.Subject,
            Address.Of(view.From),
            Address.Of(view.To),
            Address.Of(view.Cc),
            Address.Of(view.ReplyTo),
            message.SentAt,
            message.IsRead,
            message.Size,
            view.Text is null ? null : string.Concat(view.Text.Select(s => s.Text)),
            view.Html?.Html,
            view.Html?.BlockedRemoteResources ?? 0,
            [.. view.Attachments.Select(a => new AttachmentResponse(a.Index, a.FileName, a.ContentType, a.Size, MessageUrls.Attachment(id, a.Index)))],
            view.Notes,
            MessageUrls.Raw(id)));
    }

    private static async Task<IResult> RawAsync(
        long id, bool? download, ClaimsPrincipal user, MessageLookup messages, HttpResponse response, CancellationToken cancellationToken)
    {
        var message = await messages.FindAsync(user.GetUserId(), id, cancellationToken);
        if (message?.Raw is null)
        {
            return TypedResults.NotFound();
        }

        response.Headers.ContentSecurityPolicy = MessageFramePolicy.InertContentSecurityPolicy;
        response.Headers.CacheControl = "private, no-store";
        // The bytes exactly as fetched; only the labels differ between viewing and downloading.
        return download == true
            ? TypedResults.File(message.Raw.Content, "message/rfc822", $"message-{id}.eml")
            : TypedResults.Bytes(message.Raw.Content, "text/plain; charset=utf-8");
    }

    private static async Task<IResult> AttachmentAsync(
        long id, int index, ClaimsPrincipal user, MessageLookup messages, HttpResponse response, CancellationToken cancellationToken)
    {
        var message = await messages.FindAsync(user.GetUserId(), id, cancellationToken);
        var attachment = message?.Raw is null ? null : Attachments.Open(message.Raw.Content, index);
        if (attachment is null)
        {
            return TypedResults.NotFound();
        }

        // Always a download and never a type the browser renders: an HTML or SVG attachment must not run in this origin.
        response.Headers.ContentSecurityPolicy = MessageFramePolicy.InertContentSecurityPolicy;
        response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(attachment.Content, "application/octet-stream", attachment.FileName);
    }

    private static async Task<Results<Ok<ReadStateResponse>, ProblemHttpResult>> SetReadStateAsync(
        ReadStateRequest request, ClaimsPrincipal user, ReadState readState, CancellationToken cancellationToken)
    {
        if (request.MessageIds is not { Count: > 0 } ids || ids.Count > ReadState.MaxMessagesPerChange)
        {
            return TypedResults.Problem(
                title: "Invalid message ids.",
                detail: $"Send between 1 and {ReadState.MaxMessagesPerChange} message ids.",
                statusCode: 400);
        }

        var updated = await readState.SetAsync(user.GetUserId(), [.. ids], request.Read, cancellationToken);
        return TypedResults.Ok(new ReadStateResponse(updated));
    }

    private static bool TryCursor(string value, out MessageCursor? cursor)
    {
        var ok = MessageCursor.TryParse(value, out var parsed);
        cursor = ok ? parsed : null;
        return ok;
    }
}
