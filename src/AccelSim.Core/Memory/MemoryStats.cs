using AccelSim.Units;

namespace AccelSim.Memory;

/// <summary>What a memory served over a run.</summary>
public sealed record MemoryStats(ByteSize Read, ByteSize Written, long Requests, SimTime Busy);
