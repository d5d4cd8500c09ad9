namespace Mailroom.IntegrationTests.Hosting;

/// <summary>
/// The one "wait until" of the integration tests, for states the app reaches on its own time (a fetch, a re-filing,
/// a delivery): observes until the state is the one waited for, and when the deadline passes fails with the last state
/// it saw, so a timeout says what did happen and not only what did not.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(200);

    /// <param name="observe">Reads the state once.</param>
    /// <param name="done">Whether the state is the one waited for.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="waitingFor">What is waited for, as the failure should say it.</param>
    /// <param name="describe">How the last state reads in the failure; its ToString() when null.</param>
    /// <returns>The first observed state that is <paramref name="done"/>.</returns>
    /// <exception cref="TimeoutException">Not done within <paramref name="timeout"/>; the message has the last state.</exception>
    public static async Task<T> ReachedAsync<T>(
        Func<Task<T>> observe, Func<T, bool> done, TimeSpan timeout, string waitingFor, Func<T, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(observe);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (true)
        {
            var state = await observe();
            if (done(state))
            {
                return state;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                var seen = state is null ? "nothing" : describe?.Invoke(state) ?? state.ToString();
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s for {waitingFor}; last seen: {seen}");
            }

            await Task.Delay(Every);
        }
    }
}
