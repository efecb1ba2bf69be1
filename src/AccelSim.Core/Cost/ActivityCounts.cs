using System.Collections;

namespace AccelSim.Cost;

/// <summary>
/// How many times each activity happened. Counts only grow; adding two sets of counts is exact. A handful of
/// activities per set is the norm (a tile has three), so they live in a short list rather than a hash table:
/// one is built for every tile a run evaluates.
/// </summary>
public sealed class ActivityCounts : IEnumerable<KeyValuePair<Activity, long>>
{
    private readonly List<Activity> activities = new(4);
    private readonly List<long> counts = new(4);

    public int Count => activities.Count;

    public long this[Activity activity]
    {
        get
        {
            int i = activities.IndexOf(activity);
            return i < 0 ? 0 : counts[i];
        }
    }

    public void Add(Activity activity, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return;
        }

        int i = activities.IndexOf(activity);
        if (i < 0)
        {
            activities.Add(activity);
            counts.Add(count);
        }
        else
        {
            counts[i] = checked(counts[i] + count);
        }
    }

    public void Add(ActivityCounts other, long times = 1)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (int i = 0; i < other.activities.Count; i++)
        {
            Add(other.activities[i], checked(other.counts[i] * times));
        }
    }

    public IEnumerator<KeyValuePair<Activity, long>> GetEnumerator()
    {
        for (int i = 0; i < activities.Count; i++)
        {
            yield return new KeyValuePair<Activity, long>(activities[i], counts[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
