using System.Diagnostics.Metrics;

namespace Mailroom.Tests.Fetching;

/// <summary>Meters for code under test, without a host's metrics set-up.</summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose() => _meters.ForEach(m => m.Dispose());
}
