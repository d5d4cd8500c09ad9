namespace Mailroom.Accounts;

/// <summary>What happens to a message on the POP3 server once Mailroom has stored it.</summary>
internal enum RetrievalPolicy
{
    KeepOnServer = 0,
    DeleteFromServer = 1,
    DeleteAfterDays = 2,
}
