using AccelSim.Units;

namespace AccelSim.Events;

/// <summary>A resource's counters and backlog at one moment, to repeat what it did after that moment.</summary>
public readonly record struct ResourceCheckpoint(long Requests, long BusyPicoseconds, long Bits, SimTime FreeAt);
