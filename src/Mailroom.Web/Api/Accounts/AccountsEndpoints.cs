using System.Security.Claims;
using Mailroom.Accounts;
using Mailroom.Web.Users;

namespace Mailroom.Web.Api.Accounts;

/// <summary>
/// /api/accounts: the Mail Accounts page as JSON. Every route is scoped to the signed-in user; another user's
/// account answers 404 exactly like a missing one. Creating or changing connection settings tests them first
/// (unless the request carries the approval token of a successful test of exactly those settings).
/// </summary>
internal static class AccountsEndpoints
{
    /// <summary>Maps /accounts on the /api group.</summary>
    public static IEndpointRouteBuilder MapAccountsEndpoints(this IEndpointRouteBuilder api)
    {
        var accounts = api.MapGroup("/accounts").RequireAuthorization().WithTags("Accounts");
        accounts.MapGet("/", ListAsync);
        accounts.MapGet("/{id:guid}", GetAsync);
        accounts.MapPost("/test", TestNewAsync);
        accounts.MapPost("/{id:guid}/test", TestExistingAsync);
        accounts.MapPost("/", CreateAsync);
        accounts.MapPut("/{id:guid}", UpdateAsync);
        accounts.MapPost("/{id:guid}/enable", EnableAsync);
        accounts.MapPost("/{id:guid}/disable", DisableAsync);
        accounts.MapDelete("/{id:guid}", DeleteAsync);
        return api;
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, Pop3AccountService service, CancellationToken cancellationToken) =>
        Results.Ok((await service.ListAsync(OwnerId(user), cancellationToken)).Select(AccountJson.From));

    private static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, Pop3AccountService service, CancellationToken cancellationToken) =>
        await service.GetAsync(OwnerId(user), id, cancellationToken) is { } account ? Results.Ok(AccountJson.From(account)) : Results.NotFound();

    private static Task<IResult> TestNewAsync(AccountRequest request, ClaimsPrincipal user, Pop3AccountService service, CancellationToken cancellationToken) =>
        TestAsync(null, request, user, service, cancellationToken);

    private static Task<IResult> TestExistingAsync(Guid id, AccountRequest request, ClaimsPrincipal user, Pop3AccountService service, CancellationToken cancellationToken) =>
        TestAsync(id, request, user, service, cancellationToken);

    private static async Task<IResult> TestAsync(Guid? id, AccountRequest request, ClaimsPrincipal user, Pop3AccountService service, CancellationToken cancellationToken)
    {
        var outcome = await service.TestAsync(OwnerId(user), id, request.ToInput(), cancellationToken);
        return outcome.Status == AccountTestStatus.Succeeded
            ? Results.Ok(AccountTestJson.From(outcome.Report!, outcome.ApprovalToken!))
            : AccountProblems.FromTest(outcome);
    }

    private static async Task<IResult> CreateAsync(AccountRequest request, ClaimsPrincipal user, Pop3AccountService service, CancellationToken cancellationToken)
    {
        var ownerId = OwnerId(user);
        var input = request.ToInput();
        var result = await service.CreateAsync(ownerId, input, request.ApprovalToken, cancellationToken);
        if (result.Status == AccountChangeStatus.TestRequired)
        {
            var test = await service.TestAsync(ownerId, null, input, cancellationToken);
            if (test.Status != AccountTestStatus.Succeeded)
            {
                return AccountProblems.FromTest(test);
            }

            result = await service.CreateAsync(ownerId, input, test.ApprovalToken, cancellationToken);
        }

        return await SavedAsync(result, ownerId, service, created: true, cancellationToken);
    }

    private static async Task<IResult> UpdateAsync(Guid id, AccountRequest request, ClaimsPrincipal user, Pop3AccountService service, CancellationToken cancellationToken)
    {
        var ownerId = OwnerId(user);
        var input = request.ToInput();
        var result = await service.UpdateAsync(ownerId, id, input, request.ApprovalToken, cancellationToken);
        if (result.Status == AccountChangeStatus.TestRequired)
        {
            var test = await service.TestAsync(ownerId, id, input, cancellationToken);
            if (test.Status != AccountTestStatus.Succeeded)
            {
                return AccountProblems.FromTest(test);
            }

            result = await service.UpdateAsync(ownerId, id, input, test.ApprovalToken, cancellationToken);
        }

        return await SavedAsync(result, ownerId, service, created: false, cancellationToken);
    }

    private static async Task<IResult> EnableAsync(Guid id, ClaimsPrincipal user, Pop3AccountService service, CancellationToken cancellationToken)
    {
        var ownerId = OwnerId(user);
        var outcome = await service.EnableAsync(ownerId, id, cancellationToken);
        return outcome.Status == AccountTestStatus.Succeeded
            ? Results.Ok(AccountJson.From((await service.GetAsync(ownerId, id, cancellationToken))!))
            : AccountProblems.FromTest(outcome);
    }

    private static async Task<IResult> DisableAsync(Guid id, ClaimsPrincipal user, Pop3AccountService service, CancellationToken cancellationToken)
    {
        var ownerId = OwnerId(user);
        return await service.DisableAsync(ownerId, id, cancellationToken)
            ? Results.Ok(AccountJson.From((await service.GetAsync(ownerId, id, cancellationToken))!))
            : Results.NotFound();
    }

    /// <summary>DELETE /api/accounts/{id}?fetchedMail=keep|remove: the caller must say what happens to the mail already fetched.</summary>
    private static async Task<IResult> DeleteAsync(Guid id, string? fetchedMail, ClaimsPrincipal user, Pop3AccountService service, CancellationToken cancellationToken)
    {
        FetchedMailOnDelete? choice = fetchedMail?.Trim().ToLowerInvariant() switch
        {
            "keep" => FetchedMailOnDelete.Keep,
            "remove" => FetchedMailOnDelete.Remove,
            _ => null,
        };
        if (choice is null)
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { ["fetchedMail"] = ["Say whether to keep or remove the mail already fetched: fetchedMail=keep or fetchedMail=remove."] },
                title: "Some fields need attention.");
        }

        return await service.DeleteAsync(OwnerId(user), id, choice.Value, cancellationToken) ? Results.NoContent() : Results.NotFound();
    }

    private static async Task<IResult> SavedAsync(AccountChangeResult result, string ownerId, Pop3AccountService service, bool created, CancellationToken cancellationToken)
    {
        switch (result.Status)
        {
            case AccountChangeStatus.NotFound:
                return Results.NotFound();
            case AccountChangeStatus.Saved:
                var json = AccountJson.From((await service.GetAsync(ownerId, result.Account!.Id, cancellationToken))!);
                return created ? Results.Created($"/api/accounts/{json.Id}", json) : Results.Ok(json);
            default:
                return AccountProblems.Invalid(result.Errors);
        }
    }

    private static string OwnerId(ClaimsPrincipal user) => user.GetUserId();
}
