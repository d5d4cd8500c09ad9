namespace Mailroom.Fetching;

/// <summary>
/// A message as listed in THIS session: the zero-based index (MailKit's numbering) is only valid until QUIT, the UID
/// across sessions (RFC 1939 §7). Size is what LIST reported: close to, not always exactly, the bytes RETR returns.
/// </summary>
internal sealed record ServerMessage(int Index, string Uid, long Size);

/// <summary>What the ledger already knows about one UID.</summary>
internal sealed record LedgerFacts(bool Stored, DateTimeOffset FirstSeenAt, bool MarkedDeleted);
