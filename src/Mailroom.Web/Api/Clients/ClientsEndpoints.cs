using System.Security.Claims;
using Mailroom.Clients;
using Mailroom.Messages;
using Mailroom.Web.Users;
using Mailroom.Workspaces;

namespace Mailroom.Web.Api.Clients;

/// <summary>
/// /api/clients: the workspace's clients for the CRM to sync (upsert by its own id) and each client's mail timeline.
/// A client of another workspace answers 404, exactly like an id that does not exist.
/// </summary>
internal static class ClientsEndpoints
{
    public static RouteGroupBuilder MapClientsEndpoints(this RouteGroupBuilder api)
    {
        var clients = api.MapGroup("/clients").WithTags("Clients");
        clients.MapGet("/", ListAsync)
            .WithSummary("List the workspace's clients by name; search and cursor paging.")
            .Produces<ClientListResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        clients.MapPost("/", CreateAsync)
            .WithSummary("Create a client.")
            .Produces<ClientResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        clients.MapGet("/{id:long}", GetAsync)
            .WithSummary("One client, with the progress of re-filing its mail.")
            .Produces<ClientResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapPut("/{id:long}", UpdateAsync)
            .WithSummary("Replace a client's name, external id, emails and domains; changed addresses re-file its mail in the background.")
            .Produces<ClientResponse>()
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        clients.MapDelete("/{id:long}", DeleteAsync)
            .WithSummary("Delete a client (its mail stays; only the filing goes).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapPut("/by-external-id/{externalId}", UpsertAsync)
            .WithSummary("Create or replace the client with the CRM's own id: 201 when created, 200 when updated.")
            .Produces<ClientResponse>()
            .Produces<ClientResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest);
        clients.MapGet("/{id:long}/messages", MessagesAsync)
            .WithSummary("The client's mail, newest sent first, across the accounts you may see (yours and shared ones); cursor-paged.")
            .Produces<ClientMessagesResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(
        ClaimsPrincipal user, WorkspaceDirectory workspaces, ClientDirectory directory, string? q, string? after, int? limit, CancellationToken cancellationToken)
    {
        ClientCursor? cursor = null;
        if (after is not null)
        {
            if (!ClientCursor.TryParse(after, out var parsed))
            {
                return ApiProblems.BadRequest("invalid-cursor", "Invalid cursor.", "Pass the 'next' value of a previous page unchanged.");
            }

            cursor = parsed;
        }

        if (LimitProblem(limit, ClientDirectory.MaxPageSize) is { } problem)
        {
            return problem;
        }

        var membership = await workspaces.MembershipAsync(user.GetUserId(), cancellationToken);
        var page = await directory.ListAsync(membership.WorkspaceId, q, cursor, limit ?? ClientDirectory.DefaultPageSize, cancellationToken);
        return TypedResults.Ok(new ClientListResponse([.. page.Items.Select(ClientResponse.Of)], page.Next?.Encode()));
    }

    private static async Task<IResult> GetAsync(long id, ClaimsPrincipal user, WorkspaceDirectory workspaces, ClientDirectory directory, CancellationToken cancellationToken)
    {
        var membership = await workspaces.MembershipAsync(user.GetUserId(), cancellationToken);
        return await directory.FindAsync(membership.WorkspaceId, id, cancellationToken) is { } client
            ? TypedResults.Ok(ClientResponse.Of(client))
            : ApiProblems.NotFound("Client");
    }

    private static async Task<IResult> CreateAsync(
        ClientRequest request, ClaimsPrincipal user, WorkspaceDirectory workspaces, ClientDirectory directory, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (ClientInputValidator.Validate(request.ToInput(), errors) is not { } valid)
        {
            return ApiProblems.Invalid(errors);
        }

        var membership = await workspaces.MembershipAsync(user.GetUserId(), cancellationToken);
        return Answer(await directory.CreateAsync(membership.WorkspaceId, valid, cancellationToken));
    }

    private static async Task<IResult> UpdateAsync(
        long id, ClientRequest request, ClaimsPrincipal user, WorkspaceDirectory workspaces, ClientDirectory directory, CancellationToken cancellationToken)
    {
        var membership = await workspaces.MembershipAsync(user.GetUserId(), cancellationToken);
        var errors = new Dictionary<string, string[]>();
        if (ClientInputValidator.Validate(request.ToInput(), errors) is not { } valid)
        {
            // An unknown id is 404 whatever the body says: validation must not tell ids apart.
            return await directory.FindAsync(membership.WorkspaceId, id, cancellationToken) is null ? ApiProblems.NotFound("Client") : ApiProblems.Invalid(errors);
        }

        return Answer(await directory.UpdateAsync(membership.WorkspaceId, id, valid, cancellationToken));
    }

    private static async Task<IResult> UpsertAsync(
        string externalId, ClientRequest request, ClaimsPrincipal user, WorkspaceDirectory workspaces, ClientDirectory directory, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var valid = ClientInputValidator.Validate(request.ToInput() with { ExternalId = externalId }, errors);
        if (valid?.ExternalId is null)
        {
            errors.TryAdd("externalId", ["Give the CRM's id of the client in the address."]);
            return ApiProblems.Invalid(errors);
        }

        var membership = await workspaces.MembershipAsync(user.GetUserId(), cancellationToken);
        return Answer(await directory.UpsertByExternalIdAsync(membership.WorkspaceId, valid.ExternalId, valid, cancellationToken));
    }

    private static async Task<IResult> DeleteAsync(long id, ClaimsPrincipal user, WorkspaceDirectory workspaces, ClientDirectory directory, CancellationToken cancellationToken)
    {
        var membership = await workspaces.MembershipAsync(user.GetUserId(), cancellationToken);
        return await directory.DeleteAsync(membership.WorkspaceId, id, cancellationToken) ? TypedResults.NoContent() : ApiProblems.NotFound("Client");
    }

    private static async Task<IResult> MessagesAsync(
        long id, ClaimsPrincipal user, WorkspaceDirectory workspaces, ClientTimeline timeline, string? after, int? limit, CancellationToken cancellationToken)
    {
        MessageCursor? cursor = null;
        if (after is not null)
        {
            if (!MessageCursor.TryParse(after, out var parsed))
            {
                return ApiProblems.BadRequest("invalid-cursor", "Invalid cursor.", "Pass the 'older' value of a previous page unchanged.");
            }

            cursor = parsed;
        }

        if (LimitProblem(limit, MessageListRequest.MaxPageSize) is { } problem)
        {
            return problem;
        }

        var membership = await workspaces.MembershipAsync(user.GetUserId(), cancellationToken);
        var page = await timeline.ListAsync(membership, id, cursor, limit ?? MessageListRequest.DefaultPageSize, cancellationToken);
        return page is null
            ? ApiProblems.NotFound("Client")
            : TypedResults.Ok(new ClientMessagesResponse([.. page.Items.Select(ClientMessageEntry.Of)], page.Older?.Encode()));
    }

    /// <summary>Out-of-range limits are refused with the allowed range, never silently capped.</summary>
    private static IResult? LimitProblem(int? limit, int max) => limit is < 1 || limit > max
        ? ApiProblems.BadRequest("invalid-limit", "Invalid limit.", $"Use a limit between 1 and {max}.")
        : null;

    private static IResult Answer(ClientChange change) => change.Status switch
    {
        ClientChangeStatus.Created => TypedResults.Created($"/api/clients/{change.Client!.Id}", ClientResponse.Of(change.Client)),
        ClientChangeStatus.Updated => TypedResults.Ok(ClientResponse.Of(change.Client!)),
        ClientChangeStatus.NotFound => ApiProblems.NotFound("Client"),
        _ => ApiProblems.Problem(StatusCodes.Status409Conflict, "external-id-taken", "Another client has this external id.",
            "External ids are unique within the workspace. Update that client, or use PUT /api/clients/by-external-id/{externalId}."),
    };
}
