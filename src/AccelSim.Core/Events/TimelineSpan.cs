using AccelSim.Units;

namespace AccelSim.Events;

/// <summary>One span of activity on a track of the <see cref="Timeline"/>: what it was, when, the bytes it moved and any detail (a tile's shape).</summary>
public readonly record struct TimelineSpan(string Track, string Name, SimTime Start, SimTime End, ByteSize Bytes = default, string? Detail = null);
