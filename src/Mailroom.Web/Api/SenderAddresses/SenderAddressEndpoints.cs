using System.Globalization;
using System.Security.Claims;
using Mailroom.SenderAddresses;
using Mailroom.Web.Api.Sending;
using Mailroom.Web.SenderAddresses;
using Mailroom.Web.Throttling;
using Mailroom.Web.Users;

namespace Mailroom.Web.Api.SenderAddresses;

/// <summary>
/// /api/sender-addresses: Send Mail As as JSON. Every route is scoped to the signed-in user; another user's address
/// answers 404 exactly like a missing one. Own-server settings are tested before they are saved; Test never sends mail.
/// </summary>
internal static class SenderAddressEndpoints
{
    public static RouteGroupBuilder MapSenderAddressEndpoints(this RouteGroupBuilder api)
    {
        var addresses = api.MapGroup("/sender-addresses").RequireAuthorization().WithTags("Send Mail As");
        addresses.MapGet("/", ListAsync).WithSummary("Every address the user may send as, with route, Reply-To and status.");
        addresses.MapGet("/{id:guid}", GetAsync);
        addresses.MapPost("/", CreateAsync).WithSummary("Adds an address; own-server settings are tested first, and an address not proven by the server's sign-in gets a verification email.");
        addresses.MapPut("/{id:guid}", UpdateAsync);
        addresses.MapDelete("/{id:guid}", DeleteAsync);
        addresses.MapPost("/test", TestAsync).WithSummary("Connects, checks TLS and signs in to an own SMTP server; never sends a message.");
        addresses.MapPost("/{id:guid}/verify", VerifyAsync).WithSummary("Checks a confirmation code (target \"address\" or \"reply-to\").");
        addresses.MapPost("/{id:guid}/resend", ResendAsync).RequireRateLimiting(RateLimitPolicies.Resend).WithSummary("Mails a new code; rate-limited (429 with Retry-After).");

        // The link in the email proves control of the mailbox by itself, so it needs no sign-in (it may be opened on another device).
        api.MapPost("/sender-addresses/confirm", ConfirmAsync).AllowAnonymous().WithTags("Send Mail As");
        return api;
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, SenderAddressService service, CancellationToken cancellationToken) =>
        Results.Ok((await service.ListAsync(user.GetUserId(), cancellationToken)).Select(SenderAddressJson.From));

    private static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, SenderAddressService service, CancellationToken cancellationToken) =>
        await service.GetAsync(user.GetUserId(), id, cancellationToken) is { } address ? Results.Ok(SenderAddressJson.From(address)) : Results.NotFound();

    private static Task<IResult> CreateAsync(SenderAddressRequest request, ClaimsPrincipal user, SenderAddressService service, HttpRequest http, CancellationToken cancellationToken) =>
        SaveAsync(null, request, user, service, http, cancellationToken);

    private static Task<IResult> UpdateAsync(Guid id, SenderAddressRequest request, ClaimsPrincipal user, SenderAddressService service, HttpRequest http, CancellationToken cancellationToken) =>
        SaveAsync(id, request, user, service, http, cancellationToken);

    private static async Task<IResult> SaveAsync(Guid? id, SenderAddressRequest request, ClaimsPrincipal user, SenderAddressService service, HttpRequest http, CancellationToken cancellationToken)
    {
        var result = await service.SaveAsync(user.GetUserId(), id, request.ToInput(), VerificationLinkBase.ConfirmationPage(http), cancellationToken);
        return result.Status switch
        {
            SenderAddressSaveStatus.NotFound => Results.NotFound(),
            SenderAddressSaveStatus.Invalid => SendingProblems.Invalid(result.Errors!),
            SenderAddressSaveStatus.TestFailed => SendingProblems.Verdict(result.Verdict!),
            _ when id is null => Results.Created($"/api/sender-addresses/{result.Address!.Id}", new { address = SenderAddressJson.From(result.Address), notices = result.Notices }),
            _ => Results.Ok(new { address = SenderAddressJson.From(result.Address!), notices = result.Notices }),
        };
    }

    private static async Task<IResult> DeleteAsync(Guid id, ClaimsPrincipal user, SenderAddressService service, CancellationToken cancellationToken) =>
        await service.DeleteAsync(user.GetUserId(), id, cancellationToken) ? Results.NoContent() : Results.NotFound();

    private static async Task<IResult> TestAsync(SenderAddressRequest request, Guid? id, ClaimsPrincipal user, SenderAddressService service, CancellationToken cancellationToken)
    {
        var outcome = await service.TestAsync(user.GetUserId(), id, request.ToInput(), cancellationToken);
        return outcome.Status switch
        {
            SmtpRouteTestStatus.NotFound => Results.NotFound(),
            SmtpRouteTestStatus.Invalid => SendingProblems.Invalid(outcome.Errors!),
            SmtpRouteTestStatus.Failed => SendingProblems.Verdict(outcome.Verdict!),
            _ => Results.Ok(new SmtpTestJson(outcome.Result!.SignedIn, outcome.Result.TlsVersion, outcome.Result.MaxMessageSize)),
        };
    }

    private static async Task<IResult> VerifyAsync(Guid id, VerifyRequest request, ClaimsPrincipal user, AddressVerification verification, CancellationToken cancellationToken)
    {
        if (ParseTarget(request.Target) is not { } target)
        {
            return TargetInvalid();
        }

        var result = await verification.CheckCodeAsync(user.GetUserId(), id, target, request.Code, cancellationToken);
        var json = new VerificationJson(ApiNames.Of(result.Status), result.Message, result.Status == CodeCheckStatus.Wrong ? result.RemainingAttempts : null);
        return result.Status switch
        {
            CodeCheckStatus.NotFound => Results.NotFound(),
            CodeCheckStatus.Verified or CodeCheckStatus.AlreadyVerified => Results.Ok(json),
            _ => Results.UnprocessableEntity(json),
        };
    }

    private static async Task<IResult> ResendAsync(Guid id, ResendRequest? request, ClaimsPrincipal user, AddressVerification verification, HttpRequest http, HttpResponse response, CancellationToken cancellationToken)
    {
        if (ParseTarget(request?.Target) is not { } target)
        {
            return TargetInvalid();
        }

        var result = await verification.ResendAsync(user.GetUserId(), id, target, VerificationLinkBase.ConfirmationPage(http), cancellationToken);
        var json = new VerificationJson(ApiNames.Of(result.Status), result.Message);
        if (result.RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        return result.Status switch
        {
            ResendStatus.NotFound => Results.NotFound(),
            ResendStatus.Sent => Results.Ok(json),
            ResendStatus.TooSoon or ResendStatus.DailyLimitReached => Results.Json(json, statusCode: StatusCodes.Status429TooManyRequests),
            ResendStatus.MailFailed => Results.Json(json, statusCode: StatusCodes.Status503ServiceUnavailable),
            _ => Results.Conflict(json),
        };
    }

    private static async Task<IResult> ConfirmAsync(ConfirmLinkRequest request, AddressVerification verification, CancellationToken cancellationToken)
    {
        var result = await verification.ConfirmLinkAsync(request.Token, cancellationToken);
        var json = new VerificationJson(ApiNames.Of(result.Status), result.Message);
        return result.Status switch
        {
            LinkStatus.Verified or LinkStatus.AlreadyVerified => Results.Ok(json),
            LinkStatus.Invalid => Results.BadRequest(json),
            _ => Results.Json(json, statusCode: StatusCodes.Status410Gone),
        };
    }

    private static VerificationTarget? ParseTarget(string? target) => target?.ToLowerInvariant() switch
    {
        null or "" or "address" => VerificationTarget.Address,
        "reply-to" or "replyto" => VerificationTarget.ReplyTo,
        _ => null,
    };

    private static IResult TargetInvalid() =>
        SendingProblems.Invalid(new Dictionary<string, string[]> { ["Target"] = ["Use \"address\" or \"reply-to\"."] });
}
