namespace Mailroom.Web.Live;

/// <summary>
/// Which event ids the poller has already published. Ids at or below <see cref="Floor"/> are settled; above it, ids
/// seen within the settle time are remembered, so a lower id whose transaction commits after a higher one is still
/// published, and exactly once.
/// </summary>
internal sealed class SettleWindow
{
    private readonly HashSet<long> _published = [];
    private readonly Queue<(DateTimeOffset At, long HighestSeen)> _marks = new();
    private long _highestSeen;

    public long? Floor { get; private set; }

    public void Start(long floor)
    {
        Floor = floor;
        _highestSeen = floor;
    }

    /// <summary>True the first time an id above the floor is seen.</summary>
    public bool FirstSighting(long id)
    {
        _highestSeen = Math.Max(_highestSeen, id);
        return _published.Add(id);
    }

    /// <summary>Moves the floor up to the highest id that was already seen one settle time ago.</summary>
    public void Advance(DateTimeOffset now, TimeSpan settleTime)
    {
        _marks.Enqueue((now, _highestSeen));
        while (_marks.Count > 0 && _marks.Peek().At <= now - settleTime)
        {
            Floor = Math.Max(Floor ?? 0, _marks.Dequeue().HighestSeen);
        }

        var floor = Floor ?? 0;
        _published.RemoveWhere(id => id <= floor);
    }
}
