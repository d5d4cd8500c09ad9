using Mailroom.Network;
using Microsoft.Extensions.Options;

namespace Mailroom.Fetching;

/// <summary>
/// Politeness toward mail servers, per node: at most <see cref="FetchingOptions.MaxSessionsPerHost"/> sessions to one
/// host at a time, and a host that refuses or drops connections gets no new sessions from this node until its backoff
/// (doubling per failure, <see cref="FetchingOptions.HostBackoffInitial"/> to <see cref="FetchingOptions.HostBackoffMax"/>) has passed.
/// </summary>
internal sealed class HostGate(IOptionsMonitor<FetchingOptions> options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Failures, DateTimeOffset Until)> _backoff = new(StringComparer.Ordinal);

    /// <summary>Hosts a claim should leave out now: full, or backing off. Lower case, as the claim compares them.</summary>
    public IReadOnlyCollection<string> Closed()
    {
        var limit = options.CurrentValue.MaxSessionsPerHost;
        var now = time.GetUtcNow();
        lock (_lock)
        {
            return [.. _sessions.Where(s => s.Value >= limit).Select(s => s.Key)
                .Union(_backoff.Where(b => b.Value.Until > now).Select(b => b.Key))];
        }
    }

    /// <summary>Takes a session slot for the host, or false when it is full or backing off.</summary>
    public bool TryEnter(string host)
    {
        var key = Key(host);
        lock (_lock)
        {
            var open = _sessions.GetValueOrDefault(key);
            if (open >= options.CurrentValue.MaxSessionsPerHost || (_backoff.TryGetValue(key, out var backoff) && backoff.Until > time.GetUtcNow()))
            {
                return false;
            }

            _sessions[key] = open + 1;
            return true;
        }
    }

    /// <summary>Gives the slot back; a refused or dropped connection backs the host off, anything the server answered clears that.</summary>
    public void Exit(string host, MailFailure? failure)
    {
        var key = Key(host);
        var settings = options.CurrentValue;
        lock (_lock)
        {
            var open = _sessions.GetValueOrDefault(key) - 1;
            if (open <= 0)
            {
                _sessions.Remove(key);
            }
            else
            {
                _sessions[key] = open;
            }

            if (failure is { Kind: MailFailureKind.Connection })
            {
                var failures = _backoff.GetValueOrDefault(key).Failures + 1;
                _backoff[key] = (failures, time.GetUtcNow() + FetchSchedule.Backoff(failures, settings.HostBackoffInitial, settings.HostBackoffMax));
            }
            else if (failure is not { Kind: MailFailureKind.Cancelled })
            {
                _backoff.Remove(key);
            }
        }
    }

    /// <summary>Sessions open to the host right now.</summary>
    public int Sessions(string host)
    {
        lock (_lock)
        {
            return _sessions.GetValueOrDefault(Key(host));
        }
    }

    public static string Key(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.ToLowerInvariant();
    }
}
