using System.Security.Claims;
using Mailroom.Accounts;
using Mailroom.Fetching;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mailroom.Web.Api.Fetching;

/// <summary>Fetch now, live progress and history of one account. Another user's account or a deleted one answers 404, exactly like a missing one.</summary>
internal static class FetchEndpoints
{
    private const int HistoryLimit = 50;

    public static RouteGroupBuilder MapFetchEndpoints(this RouteGroupBuilder api)
    {
        var fetch = api.MapGroup("/accounts/{accountId:guid}/fetch").RequireAuthorization().WithTags("Fetching");
        fetch.MapPost("", FetchNowAsync)
            .WithSummary("Fetch now: the account is fetched at once by whichever node is free (or as soon as the server's LOGIN-DELAY allows).")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        fetch.MapGet("", GetStatusAsync)
            .WithSummary("The account's fetch progress (messages and bytes done / total, estimated time left), schedule and last failure.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        fetch.MapGet("/history", GetHistoryAsync)
            .WithSummary("The account's last fetches, newest first: time, duration, new messages, bytes, outcome.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return api;
    }

    private static async Task<Results<Accepted<FetchStatusResponse>, NotFound, Conflict<string>>> FetchNowAsync(
        Guid accountId, ClaimsPrincipal user, Pop3AccountService accounts, FetchRequests requests, FetchStatusReader reader, CancellationToken cancellationToken)
    {
        var account = await accounts.FindStandingAsync(user.GetUserId(), accountId, cancellationToken);
        if (account is null)
        {
            return TypedResults.NotFound();
        }

        if (account.State != AccountState.Active)
        {
            // The page shows this sentence as it is: why nothing can be fetched, and what to do.
            return TypedResults.Conflict(DisabledAccountMessage(account.DisabledReason));
        }

        await requests.RequestAsync(accountId, cancellationToken);
        var status = await reader.GetStatusAsync(accountId, cancellationToken);
        return TypedResults.Accepted($"/api/accounts/{accountId}/fetch", FetchStatusResponse.From(status!));
    }

    private static async Task<Results<Ok<FetchStatusResponse>, NotFound>> GetStatusAsync(
        Guid accountId, ClaimsPrincipal user, Pop3AccountService accounts, FetchStatusReader reader, CancellationToken cancellationToken)
    {
        if (await accounts.FindStateAsync(user.GetUserId(), accountId, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var status = await reader.GetStatusAsync(accountId, cancellationToken);
        return TypedResults.Ok(status is null ? FetchStatusResponse.NotScheduled(accountId) : FetchStatusResponse.From(status));
    }

    private static async Task<Results<Ok<IReadOnlyList<FetchRunResponse>>, NotFound>> GetHistoryAsync(
        Guid accountId, ClaimsPrincipal user, Pop3AccountService accounts, FetchStatusReader reader, CancellationToken cancellationToken)
    {
        if (await accounts.FindStateAsync(user.GetUserId(), accountId, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var runs = await reader.GetHistoryAsync(accountId, HistoryLimit, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<FetchRunResponse>>([.. runs.Select(FetchRunResponse.From)]);
    }

    /// <summary>Why Fetch now cannot run on a disabled account, in the words the fetch panel and the accounts list show.</summary>
    public static string DisabledAccountMessage(string? reason) =>
        $"Fetch now cannot run while the account is disabled. {reason ?? "It was disabled."}".TrimEnd();
}
