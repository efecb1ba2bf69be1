using AccelSim.Units;

namespace AccelSim.Events;

/// <summary>
/// Spans of activity per track (one track per resource) for a Chrome-trace/Perfetto view of a run. Only recorded
/// when asked for (<c>--timeline</c>); the simulation itself keeps nothing that grows with the run's length.
/// </summary>
public sealed class Timeline
{
    private readonly List<TimelineSpan> spans = [];

    public IReadOnlyList<TimelineSpan> Spans => spans;

    public void Add(string track, string name, SimTime start, SimTime end, ByteSize bytes = default, string? detail = null) =>
        spans.Add(new TimelineSpan(track, name, start, end, bytes, detail));
}
