using AccelSim.Units;

namespace AccelSim.Events;

/// <summary>
/// The discrete-event kernel: a queue of actions ordered by <see cref="EventKey"/>. Time only moves here, jumping
/// from one event to the next; nothing ticks per cycle.
/// </summary>
public sealed class Simulator
{
    private readonly PriorityQueue<Action, EventKey> queue = new(EventKey.Order);
    private long sequence;

    public SimTime Now { get; private set; }

    public long EventsProcessed { get; private set; }

    /// <summary>Runs <paramref name="action"/> at <paramref name="time"/>, which must not be in the past.</summary>
    public void Schedule(SimTime time, Action action, int priority = 0)
    {
        if (time < Now)
        {
            throw new InvalidOperationException($"Cannot schedule an event at {time}, before the current time {Now}.");
        }

        queue.Enqueue(action, new EventKey(time, priority, sequence++));
    }

    /// <summary>Processes events until none are left; returns the time of the last one.</summary>
    public SimTime Run()
    {
        while (queue.TryDequeue(out Action? action, out EventKey key))
        {
            Now = key.Time;
            EventsProcessed++;
            action();
        }

        return Now;
    }
}
