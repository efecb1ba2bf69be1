using AccelSim.Units;

namespace AccelSim.Events;

/// <summary>
/// The order of events: by time, then priority (lower first), then the order they were scheduled in, so ties
/// resolve the same way on every run.
/// </summary>
public readonly record struct EventKey(SimTime Time, int Priority, long Sequence) 
{
    public static IComparer<EventKey> Order { get; } = Comparer<EventKey>.Create((a, b) => a.CompareTo(b));

    public int CompareTo(EventKey other)
    {
        int byTime = Time.Picoseconds.CompareTo(other.Time.Picoseconds);
        if (byTime != 0)
        {
            return byTime;
        }

        int byPriority = Priority.CompareTo(other.Priority);
        return byPriority != 0 ? byPriority : Sequence.CompareTo(other.Sequence);
    }
}
