using AccelSim.Units;

namespace AccelSim.Events;

/// <summary>One span of activity on a track of the <see cref="Timeline"/>.</summary>
public readonly record struct TimelineSpan(string Track, string Name, SimTime Start, SimTime End);
