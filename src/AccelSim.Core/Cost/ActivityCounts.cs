using System.Collections;

namespace AccelSim.Cost;

/// <summary>How many times each activity happened. Counts only grow; adding two sets of counts is exact.</summary>
public sealed class ActivityCounts : IEnumerable<KeyValuePair<Activity, long>>
{
    private readonly Dictionary<Activity, long> counts = [];

    public int Count => counts.Count;

    public long this[Activity activity] => counts.GetValueOrDefault(activity);

    public void Add(Activity activity, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > 0)
        {
            counts[activity] = checked(counts.GetValueOrDefault(activity) + count);
        }
    }

    public void Add(ActivityCounts other, long times = 1)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach ((Activity activity, long count) in other.counts)
        {
            Add(activity, checked(count * times));
        }
    }

    public IEnumerator<KeyValuePair<Activity, long>> GetEnumerator() => counts.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
