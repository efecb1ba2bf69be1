using AccelSim.Events;

namespace AccelSim.Memory;

/// <summary>A memory's counters at a moment when it held nothing over from earlier requests (<see cref="IMemoryModel.IdleCheckpoint"/>).</summary>
public sealed record MemoryCheckpoint(long ReadBits, long WrittenBits, long Requests, IReadOnlyList<ResourceCheckpoint> Channels);
