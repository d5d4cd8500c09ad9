namespace Mailroom.Fetching;

/// <summary>This node's lease on the account expired (and may be another node's now): the fetch stops, without counting as a failure.</summary>
internal sealed class LeaseLostException : Exception
{
    public LeaseLostException(Guid accountId)
        : base($"The fetch lease of account {accountId} was lost.")
    {
    }

    public LeaseLostException()
        : base("The fetch lease was lost.")
    {
    }

    public LeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LeaseLostException(string message)
        : base(message)
    {
    }
}
