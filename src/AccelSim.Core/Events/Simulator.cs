using AccelSim.Units;

namespace AccelSim.Events;

/// <summary>
/// The discrete-event kernel: a queue of actions ordered by <see cref="EventKey"/>. Time only moves here, jumping
/// from one event to the next; nothing ticks per cycle.
/// </summary>
public sealed class Simulator
{
    // An event is an action, or an action and the number it is for: the latter lets a model schedule one cached
    // delegate per tile instead of allocating a closure for each.
    private readonly PriorityQueue<(Action? Plain, Action<int>? ForNumber, int Number), EventKey> queue = new(EventKey.Order);
    private long sequence;

    public SimTime Now { get; private set; }

    /// <summary>Events processed, including those of repeated stretches accounted for without running them (<see cref="CountRepeated"/>).</summary>
    public long EventsProcessed { get; private set; }

    /// <summary>Of <see cref="EventsProcessed"/>, how many belong to repeated stretches.</summary>
    public long EventsRepeated { get; private set; }

    /// <summary>Events waiting to run.</summary>
    public int Pending => queue.Count;

    /// <summary>
    /// Counts the events of a stretch of the run that a caller has shown to repeat an earlier one exactly and has
    /// accounted for from it instead of running them.
    /// </summary>
    public void CountRepeated(long events)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        EventsProcessed += events;
        EventsRepeated += events;
    }

    /// <summary>Runs <paramref name="action"/> at <paramref name="time"/>, which must not be in the past.</summary>
    public void Schedule(SimTime time, Action action, int priority = 0) => Enqueue(time, (action, null, 0), priority);

    /// <summary>Runs <paramref name="action"/>(<paramref name="number"/>) at <paramref name="time"/>, ordered as <see cref="Schedule"/> orders.</summary>
    public void ScheduleFor(SimTime time, Action<int> action, int number, int priority = 0) => Enqueue(time, (null, action, number), priority);

    private void Enqueue(SimTime time, (Action? Plain, Action<int>? ForNumber, int Number) evt, int priority)
    {
        if (time < Now)
        {
            throw new InvalidOperationException($"Cannot schedule an event at {time}, before the current time {Now}.");
        }

        queue.Enqueue(evt, new EventKey(time, priority, sequence++));
    }

    /// <summary>Processes events until none are left; returns the time of the last one.</summary>
    public SimTime Run()
    {
        while (queue.TryDequeue(out (Action? Plain, Action<int>? ForNumber, int Number) next, out EventKey key))
        {
            Now = key.Time;
            EventsProcessed++;
            if (next.Plain is not null)
            {
                next.Plain();
            }
            else
            {
                next.ForNumber!(next.Number);
            }
        }

        return Now;
    }
}
