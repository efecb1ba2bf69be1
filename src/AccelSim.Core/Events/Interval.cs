using AccelSim.Units;

namespace AccelSim.Events;

/// <summary>A span of simulated time from <see cref="Start"/> to <see cref="End"/>.</summary>
public readonly record struct Interval(SimTime Start, SimTime End);
