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

    /// <summary>
    /// The memory's counters now, if nothing it served before can change how it answers a request from now on (no
    /// backlog; no open rows, address cursor or refresh phase carried over): then a stretch of the run that begins
    /// here and repeats an earlier one exactly may be accounted for without being served again. Null otherwise.
    /// </summary>
    MemoryCheckpoint? IdleCheckpoint(SimTime now) => null;

    /// <summary>
    /// Serves again, <paramref name="shift"/> later, everything served since <paramref name="since"/> (an idle
    /// checkpoint): the caller has proved that the stretch since then, which ended idle, repeats exactly.
    /// </summary>
    void RepeatSince(MemoryCheckpoint since, SimTime shift) => throw new NotSupportedException($"{Name} keeps state between requests; no stretch of its traffic can be repeated.");
}
