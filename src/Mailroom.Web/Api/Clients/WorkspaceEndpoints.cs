using System.Security.Claims;
using Mailroom.Web.Clients;
using Mailroom.Web.Users;
using Mailroom.Workspaces;

namespace Mailroom.Web.Api.Clients;

/// <summary>/api/workspace: who is in the caller's workspace, invitations, and sharing one's own mail accounts with it.</summary>
internal static class WorkspaceEndpoints
{
    public static RouteGroupBuilder MapWorkspaceEndpoints(this RouteGroupBuilder api)
    {
        var workspace = api.MapGroup("/workspace").WithTags("Workspace");
        workspace.MapGet("/", GetAsync)
            .WithSummary("The caller's workspace: its name, the caller's role and the members.")
            .Produces<WorkspaceResponse>();
        workspace.MapPost("/invitations", InviteAsync)
            .WithSummary("Invite someone by email (owners only); the email carries a link that works for 7 days.")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        workspace.MapPost("/invitations/accept", AcceptAsync)
            .WithSummary("Join the workspace of an invitation, signed in with the invited address.")
            .Produces<WorkspaceResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapPut("/accounts/{id:guid}/sharing", ShareAsync)
            .WithTags("Workspace")
            .WithSummary("Make one of your mail accounts private (the default) or shared with your workspace (members read its client mail).")
            .Produces<SharingResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> GetAsync(ClaimsPrincipal user, WorkspaceDirectory workspaces, CancellationToken cancellationToken) =>
        TypedResults.Ok(await DescribeAsync(user.GetUserId(), workspaces, cancellationToken));

    private static async Task<IResult> InviteAsync(
        InvitationRequest request, ClaimsPrincipal user, WorkspaceInvitations invitations, HttpRequest http, CancellationToken cancellationToken)
    {
        var result = await invitations.InviteAsync(user.GetUserId(), request.Email, InvitationLinks.For(http), cancellationToken);
        return result.Status switch
        {
            InvitationStatus.Sent => TypedResults.Accepted((string?)null),
            InvitationStatus.NotOwner => ApiProblems.Problem(StatusCodes.Status403Forbidden, "not-owner", result.Error!),
            _ => ApiProblems.BadRequest("invalid-invitation", result.Error!),
        };
    }

    private static async Task<IResult> AcceptAsync(
        AcceptRequest request, ClaimsPrincipal user, WorkspaceInvitations invitations, WorkspaceDirectory workspaces, CancellationToken cancellationToken)
    {
        var result = await invitations.AcceptAsync(user.GetUserId(), request.Token, cancellationToken);
        return result.Status == InvitationStatus.Joined
            ? TypedResults.Ok(await DescribeAsync(user.GetUserId(), workspaces, cancellationToken))
            : ApiProblems.BadRequest("invalid-invitation", result.Error!);
    }

    private static async Task<IResult> ShareAsync(
        Guid id, SharingRequest request, ClaimsPrincipal user, AccountSharing sharing, CancellationToken cancellationToken) =>
        await sharing.SetAsync(user.GetUserId(), id, request.Shared, cancellationToken)
            ? TypedResults.Ok(new SharingResponse(id, request.Shared))
            : ApiProblems.NotFound("Account");

    private static async Task<WorkspaceResponse> DescribeAsync(string userId, WorkspaceDirectory workspaces, CancellationToken cancellationToken)
    {
        var membership = await workspaces.MembershipAsync(userId, cancellationToken);
        var workspace = await workspaces.WorkspaceAsync(membership.WorkspaceId, cancellationToken);
        var members = await workspaces.MembersAsync(membership.WorkspaceId, cancellationToken);
        return new WorkspaceResponse(workspace.Id, workspace.Name, RoleName(membership.Role),
            [.. members.Select(m => new WorkspaceMemberResponse(m.UserId, m.Email, RoleName(m.Role), m.JoinedAt))]);
    }

    private static string RoleName(WorkspaceRole role) => role == WorkspaceRole.Owner ? "owner" : "member";
}

internal sealed record WorkspaceResponse(Guid Id, string Name, string Role, IReadOnlyList<WorkspaceMemberResponse> Members);

internal sealed record WorkspaceMemberResponse(string UserId, string Email, string Role, DateTimeOffset JoinedAt);

internal sealed record InvitationRequest(string? Email);

internal sealed record AcceptRequest(string? Token);

internal sealed record SharingRequest(bool Shared);

internal sealed record SharingResponse(Guid AccountId, bool Shared);
