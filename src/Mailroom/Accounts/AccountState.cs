namespace Mailroom.Accounts;

internal enum AccountState
{
    Active = 0,
    Disabled = 1,

    /// <summary>
    /// Deleted by its owner, who chose to keep the mail already fetched: the row stays as a tombstone so that
    /// the kept messages still belong to something, but it has no password, is never fetched and is not listed.
    /// </summary>
    Deleted = 2,
}
