namespace Mailroom.Fetching;

/// <summary>
/// "Fetch now", also the call for an account that was just created or re-enabled: makes it due at once (or as soon as
/// the server's LOGIN-DELAY allows) and wakes this node's scheduler, which keeps spare slots for requests like this.
/// Other nodes see the request on their next claim.
/// </summary>
internal sealed class FetchRequests(FetchStateStore states, FetchWakeup wakeup)
{
    public async Task RequestAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await states.ScheduleNewAccountsAsync(cancellationToken);

        // False when the account is not active (disabled or deleted): nothing to fetch until it is enabled again.
        if (await states.RequestAsync(accountId, cancellationToken))
        {
            wakeup.Signal();
        }
    }
}
