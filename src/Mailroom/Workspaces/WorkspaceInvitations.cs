using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Mailroom.Clients;
using Mailroom.Data;
using Mailroom.Sending.SystemMail;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Mailroom.Workspaces;

/// <summary>
/// Owners invite by email; the invited person opens the link signed in with that address and joins. The token is
/// random and only its SHA-256 is stored, so a copy of the database cannot be used to join.
/// </summary>
internal sealed class WorkspaceInvitations(
    MailroomDbContext db, WorkspaceDirectory workspaces, RefilingRequests refiling, ISystemMailSender mail, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public async Task<InvitationResult> InviteAsync(string ownerId, string? email, Func<string, string> acceptUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acceptUrl);
        var membership = await workspaces.MembershipAsync(ownerId, cancellationToken);
        if (membership.Role != WorkspaceRole.Owner)
        {
            return InvitationResult.NotOwner;
        }

        var address = email?.Trim() ?? "";
        if (!MailboxAddress.TryParse(address, out var mailbox) || !address.Contains('@', StringComparison.Ordinal) || mailbox.Address != address)
        {
            return InvitationResult.Invalid("Enter the email address of the person to invite, like name@company.com.");
        }

        var normalized = address.ToUpperInvariant();
        if (await db.WorkspaceMembers.AnyAsync(m => m.WorkspaceId == membership.WorkspaceId
                && db.Users.Any(u => u.Id == m.UserId && u.NormalizedEmail == normalized), cancellationToken))
        {
            return InvitationResult.Invalid($"{address} is already a member of this workspace.");
        }

        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        db.WorkspaceInvitations.Add(new WorkspaceInvitation
        {
            WorkspaceId = membership.WorkspaceId,
            Email = address,
            TokenHash = Hash(token),
            InvitedByUserId = ownerId,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);

        var workspace = await workspaces.WorkspaceAsync(membership.WorkspaceId, cancellationToken);
        var message = new MimeMessage
        {
            Subject = $"You are invited to {workspace.Name} in Mailroom",
            Body = new TextPart("plain")
            {
                Text = $"""
                    Hello,

                    You are invited to join the workspace "{workspace.Name}" in Mailroom, where the team files mail under its clients.

                    Sign in (or sign up) as {address}, then open this link to join:
                    {acceptUrl(token)}

                    The link works for {Lifetime.TotalDays:0} days. If you did not expect this invitation, ignore this message.
                    """,
            },
        };
        message.To.Add(mailbox);
        await mail.SendAsync(message, cancellationToken);
        return InvitationResult.Sent;
    }

    public async Task<InvitationPreview?> PreviewAsync(string token, CancellationToken cancellationToken)
    {
        var invitation = await FindAsync(token, cancellationToken);
        return invitation is null ? null : new InvitationPreview(
            (await workspaces.WorkspaceAsync(invitation.WorkspaceId, cancellationToken)).Name, invitation.Email);
    }

    public async Task<InvitationResult> AcceptAsync(string userId, string? token, CancellationToken cancellationToken)
    {
        var invitation = await FindAsync(token ?? "", cancellationToken);
        if (invitation is null)
        {
            return InvitationResult.Invalid("This invitation link is not valid any more. Ask the workspace owner for a new one.");
        }

        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync(cancellationToken);
        if (!string.Equals(email, invitation.Email, StringComparison.OrdinalIgnoreCase))
        {
            return InvitationResult.Invalid($"This invitation is for {invitation.Email}. Sign in with that address to accept it.");
        }

        var current = await workspaces.MembershipAsync(userId, cancellationToken);
        if (current.WorkspaceId != invitation.WorkspaceId)
        {
            var othersInCurrent = await db.WorkspaceMembers.CountAsync(m => m.WorkspaceId == current.WorkspaceId && m.UserId != userId, cancellationToken);
            if (othersInCurrent > 0 && current.Role == WorkspaceRole.Owner)
            {
                return InvitationResult.Invalid("You own a workspace that has other members. A user belongs to one workspace: remove its members first.");
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var member = await db.WorkspaceMembers.SingleAsync(m => m.UserId == userId, cancellationToken);
            var previous = member.WorkspaceId;
            member.WorkspaceId = invitation.WorkspaceId;
            member.Role = WorkspaceRole.Member;
            member.JoinedAt = time.GetUtcNow();
            invitation.AcceptedAt = member.JoinedAt;
            await db.SaveChangesAsync(cancellationToken);

            // The user's mail belonged to the previous workspace's clients, and their shares to its members.
            await db.MessageFilings.Where(f => f.OwnerId == userId).ExecuteDeleteAsync(cancellationToken);
            await db.SharedAccounts.Where(s => db.Pop3Accounts.Any(a => a.Id == s.AccountId && a.OwnerId == userId)).ExecuteDeleteAsync(cancellationToken);
            if (othersInCurrent == 0)
            {
                await db.Workspaces.Where(w => w.Id == previous).ExecuteDeleteAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            await refiling.RequestWorkspaceAsync(invitation.WorkspaceId, cancellationToken);
        }

        return InvitationResult.Joined;
    }

    private async Task<WorkspaceInvitation?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is 0 or > 100)
        {
            return null;
        }

        var hash = Hash(token);
        var now = time.GetUtcNow();
        return await db.WorkspaceInvitations.SingleOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now, cancellationToken);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

internal sealed record InvitationPreview(string WorkspaceName, string Email);

internal enum InvitationStatus
{
    Sent,
    Joined,
    NotOwner,
    Invalid,
}

internal sealed record InvitationResult(InvitationStatus Status, string? Error = null)
{
    public static readonly InvitationResult Sent = new(InvitationStatus.Sent);
    public static readonly InvitationResult Joined = new(InvitationStatus.Joined);
    public static readonly InvitationResult NotOwner = new(InvitationStatus.NotOwner, "Only the workspace owner can invite people.");

    public static InvitationResult Invalid(string error) => new(InvitationStatus.Invalid, error);
}
