using AccelSim.Units;

namespace AccelSim.Memory;

/// <summary>What a memory served over a run; <see cref="Rows"/> only from a memory that models banks.</summary>
public sealed record MemoryStats(ByteSize Read, ByteSize Written, long Requests, SimTime Busy, RowBufferStats? Rows = null);
