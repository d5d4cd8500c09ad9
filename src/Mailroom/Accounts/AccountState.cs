namespace Mailroom.Accounts;

public enum AccountState
{
    Active = 0,
    Disabled = 1,
}
