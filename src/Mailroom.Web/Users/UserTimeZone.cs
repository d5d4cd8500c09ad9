using Mailroom.Data;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Web.Users;

/// <summary>The time zone a user reads times in: stored per user (from their browser at first, changeable in Settings).</summary>
internal sealed class UserTimeZone(MailroomDbContext db)
{
    public const int MaxLength = 100;

    /// <summary>The stored IANA id, or "" while none is stored (the page then uses the browser's and stores it).</summary>
    public async Task<string> GetAsync(string userId, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).FirstOrDefaultAsync(cancellationToken) ?? "";

    /// <returns>False when <paramref name="timeZone"/> is not a zone this server knows (nothing is stored then).</returns>
    public async Task<bool> SetAsync(string userId, string? timeZone, CancellationToken cancellationToken)
    {
        if (!IsKnown(timeZone))
        {
            return false;
        }

        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set.SetProperty(u => u.TimeZone, timeZone), cancellationToken);
        return true;
    }

    public static bool IsKnown(string? timeZone) =>
        timeZone is { Length: > 0 and <= MaxLength } && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _);
}
