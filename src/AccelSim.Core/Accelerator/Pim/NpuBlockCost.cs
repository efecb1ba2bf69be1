using AccelSim.Cost;
using AccelSim.Units;

namespace AccelSim.Accelerator.Pim;

/// <summary>
/// What one block of NPU work (a sub-batch's projections, its FFN, or its attention on the NPU) took when run alone
/// on the design with the memory to itself: its time, dynamic energy, MACs, off-chip traffic and how many of its
/// functional checks mismatched.
/// </summary>
internal sealed record NpuBlockCost(
    SimTime Time,
    EnergyBreakdown Energy,
    long Macs,
    ByteSize DramRead,
    ByteSize DramWritten,
    int Mismatches);
