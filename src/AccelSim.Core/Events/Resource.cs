using AccelSim.Units;

namespace AccelSim.Events;

/// <summary>
/// A server that handles requests one at a time in arrival order (a DRAM channel, an SRAM port, a compute array).
/// A request arriving while it is busy waits; that wait is where contention and stalls come from.
/// </summary>
public sealed class Resource(string name, Timeline? timeline = null)
{
    private long requests;
    private long busyPicoseconds;
    private long bits;

    public string Name { get; } = name;

    /// <summary>When the current backlog clears.</summary>
    public SimTime FreeAt { get; private set; }

    /// <summary>Serves a request that arrives at <paramref name="arrival"/> and needs <paramref name="duration"/> of service.</summary>
    public Interval Serve(SimTime arrival, SimTime duration, ByteSize data = default, string? label = null, string? detail = null)
    {
        SimTime start = SimTime.Max(arrival, FreeAt);
        SimTime end = start + duration;
        FreeAt = end;
        requests++;
        busyPicoseconds += duration.Picoseconds;
        bits += data.Bits;
        if (label is not null && duration.Picoseconds > 0)
        {
            timeline?.Add(Name, label, start, end, data, detail);
        }

        return new Interval(start, end);
    }

    public ResourceCheckpoint Checkpoint() => new(requests, busyPicoseconds, bits, FreeAt);

    /// <summary>
    /// Serves again, <paramref name="shift"/> later, everything it served since <paramref name="since"/>: a stretch of
    /// the run that began and ended with the resource idle and repeats exactly (the caller has proved it does), so
    /// the counters grow by the stretch's once more and the backlog ends where the stretch's ended, shifted.
    /// </summary>
    public void RepeatSince(in ResourceCheckpoint since, SimTime shift)
    {
        if (timeline is not null)
        {
            throw new InvalidOperationException($"{Name} draws a timeline: a repeated stretch would be missing from it.");
        }

        if (requests == since.Requests)
        {
            return;
        }

        requests += requests - since.Requests;
        busyPicoseconds = checked(busyPicoseconds + (busyPicoseconds - since.BusyPicoseconds));
        bits = checked(bits + (bits - since.Bits));
        FreeAt += shift;
    }

    public ResourceStats Stats => new(Name, new SimTime(busyPicoseconds), requests, new ByteSize(bits));
}
