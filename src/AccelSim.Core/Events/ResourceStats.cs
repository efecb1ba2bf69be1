using AccelSim.Units;

namespace AccelSim.Events;

/// <summary>What a resource did over a run: time busy, requests served, data moved.</summary>
public sealed record ResourceStats(string Name, SimTime Busy, long Requests, ByteSize Data);
