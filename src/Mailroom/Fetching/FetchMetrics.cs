using System.Diagnostics.Metrics;
using Mailroom.Network;

namespace Mailroom.Fetching;

/// <summary>
/// Fetching's instruments (meter <see cref="MeterName"/>). This node's own: polls finished (by outcome and failure
/// kind), their duration, fetches running, memory budget in use. The whole cluster's, from the last
/// <see cref="FetchOverview"/> a node read: accounts due, fetching and lagging.
/// </summary>
internal sealed class FetchMetrics : IDisposable
{
    public const string MeterName = "Mailroom.Fetching";

    private readonly Meter _meter;
    private readonly Counter<long> _polls;
    private readonly Histogram<double> _duration;
    private readonly UpDownCounter<int> _running;
    private FetchOverview? _overview;

    public FetchMetrics(IMeterFactory meters, FetchMemoryBudget memory)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(memory);
        _meter = meters.Create(MeterName);
        _polls = _meter.CreateCounter<long>("mailroom.fetch.polls", "{poll}", "Fetches this node finished, by outcome and failure kind.");
        _duration = _meter.CreateHistogram<double>("mailroom.fetch.duration", "s", "How long this node's fetches took, sign-in to QUIT and bookkeeping.");
        _running = _meter.CreateUpDownCounter<int>("mailroom.fetch.running", "{fetch}", "Fetches running on this node.");
        _meter.CreateObservableGauge("mailroom.fetch.memory", () => memory.BytesInUse, "By", "Message bytes this node's running fetches hold, against the memory budget.");
        _meter.CreateObservableGauge("mailroom.schedule.accounts.due", () => Observe(o => o.Due), "{account}", "Accounts due and not being fetched, all nodes.");
        _meter.CreateObservableGauge("mailroom.schedule.accounts.fetching", () => Observe(o => o.Fetching), "{account}", "Accounts being fetched, all nodes.");
        _meter.CreateObservableGauge("mailroom.schedule.accounts.lagging", () => Observe(o => o.Lagging), "{account}", "Accounts due for more than one poll interval, all nodes.");
    }

    public void Started() => _running.Add(1);

    public void Finished(MailFailure? failure, TimeSpan duration)
    {
        var outcome = failure switch
        {
            null => "succeeded",
            { Kind: MailFailureKind.Cancelled } => "cancelled",
            _ => "failed",
        };
        var kind = new KeyValuePair<string, object?>("failure.kind", failure?.Kind.ToString() ?? "none");
        _running.Add(-1);
        _polls.Add(1, new KeyValuePair<string, object?>("outcome", outcome), kind);
        _duration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void Publish(FetchOverview overview) => Volatile.Write(ref _overview, overview);

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<int>> Observe(Func<FetchOverview, int> value) =>
        Volatile.Read(ref _overview) is { } overview ? [new Measurement<int>(value(overview))] : [];
}
