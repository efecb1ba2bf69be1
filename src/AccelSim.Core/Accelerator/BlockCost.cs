using AccelSim.Cost;
using AccelSim.Units;

namespace AccelSim.Accelerator;

/// <summary>
/// What one block of device work (a batch's projections, an FFN, attention, one expert) took when run alone on the
/// design with the memory to itself: its time, dynamic energy, MACs, off-chip traffic and how many of its functional
/// checks mismatched, and the quantization error its checks measured (null when none ran).
/// </summary>
internal sealed record BlockCost(
    SimTime Time,
    EnergyBreakdown Energy,
    long Macs,
    ByteSize DramRead,
    ByteSize DramWritten,
    int Mismatches,
    double? SqnrDb = null);
