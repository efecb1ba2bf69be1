using AccelSim.Events;
using AccelSim.Units;

namespace AccelSim.Memory;

/// <summary>An off-chip memory. Serves requests in order; the returned time is when the data has arrived or been written.</summary>
public interface IMemoryModel
{
    string Kind { get; }

    string Name { get; }

    string Description { get; }

    /// <summary>True for a memory that never makes anyone wait (SCALE-Sim's <c>InterfaceBandwidth: CALC</c>).</summary>
    bool NeverStalls { get; }

    SimTime Access(SimTime now, in MemoryRequest request);

    MemoryStats Stats { get; }

    /// <summary>What each channel did, where the memory has channels of its own to report.</summary>
    IReadOnlyList<ResourceStats> Channels => [];
}
