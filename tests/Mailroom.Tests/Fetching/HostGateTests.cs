using Mailroom.Fetching;
using Mailroom.Network;
using Mailroom.Tests.Network;
using Microsoft.Extensions.Time.Testing;

namespace Mailroom.Tests.Fetching;

public sealed class HostGateTests
{
    private static readonly MailFailure Refused = new(MailFailureKind.Connection, MailFailureReason.Refused, "refused");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly HostGate _gate;

    public HostGateTests() => _gate = new HostGate(
        new StaticOptionsMonitor<FetchingOptions>(new FetchingOptions
        {
            MaxSessionsPerHost = 2,
            HostBackoffInitial = TimeSpan.FromSeconds(10),
            HostBackoffMax = TimeSpan.FromSeconds(30),
        }),
        _time);

    [Fact]
    public void AFullHost_TakesNoMoreSessions_UntilOneEnds_AndIsNamedForTheClaimToSkip()
    {
        Assert.True(_gate.TryEnter("POP.example"));
        Assert.True(_gate.TryEnter("pop.example"));

        Assert.False(_gate.TryEnter("pop.example"));
        Assert.True(_gate.TryEnter("pop.other.example"));
        Assert.Equal(["pop.example"], _gate.Closed());

        _gate.Exit("pop.example", failure: null);
        Assert.Empty(_gate.Closed());
        Assert.True(_gate.TryEnter("pop.example"));
    }

    [Fact]
    public void AHostThatRefusesConnections_BacksOff_DoublingUpToTheCap_AndAnAnswerClearsIt()
    {
        var waits = new List<TimeSpan>();
        Assert.True(_gate.TryEnter("pop.example"));
        for (var attempt = 0; attempt < 4; attempt++)
        {
            _gate.Exit("pop.example", Refused);
            var closedAt = _time.GetUtcNow();
            while (!_gate.TryEnter("pop.example"))
            {
                Assert.Contains("pop.example", _gate.Closed());
                _time.Advance(TimeSpan.FromSeconds(1));
            }

            waits.Add(_time.GetUtcNow() - closedAt);
        }

        Assert.Equal([10, 20, 30, 30], waits.Select(w => w.TotalSeconds));

        // The server answered, if only to refuse the password: reachable again, so the next refusal starts from the first step.
        _gate.Exit("pop.example", new MailFailure(MailFailureKind.Authentication, MailFailureReason.Credentials, "no"));
        Assert.True(_gate.TryEnter("pop.example"));
        _gate.Exit("pop.example", Refused);
        Assert.False(_gate.TryEnter("pop.example"));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(_gate.TryEnter("pop.example"));
    }
}
