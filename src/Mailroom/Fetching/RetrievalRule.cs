using Mailroom.Accounts;

namespace Mailroom.Fetching;

/// <summary>The account's "After retrieval" choice, applied to one stored message.</summary>
internal sealed record RetrievalRule(RetrievalPolicy Policy, int? DeleteAfterDays)
{
    public bool DeletesOnCommit => Policy == RetrievalPolicy.DeleteFromServer
        || (Policy == RetrievalPolicy.DeleteAfterDays && DeleteAfterDays is <= 0);

    /// <summary>Only stored messages are ever deleted: a skipped one exists nowhere else.</summary>
    public bool ShouldDelete(LedgerFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.Stored && Policy switch
        {
            RetrievalPolicy.DeleteFromServer => true,
            RetrievalPolicy.DeleteAfterDays => now - facts.FirstSeenAt >= TimeSpan.FromDays(DeleteAfterDays ?? 0),
            _ => false,
        };
    }
}
