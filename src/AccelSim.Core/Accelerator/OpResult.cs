using AccelSim.Cost;
using AccelSim.Units;

namespace AccelSim.Accelerator;

/// <summary>
/// One operation's results. Cycles are of the clock of the unit that ran it; <see cref="TotalCycles"/> runs from
/// when the operation could start (its dependencies done and its unit free) to when its last output was stored.
/// <see cref="Energy"/> is dynamic energy only; leakage is a property of the whole run. GEMMs carry the mapping
/// they ran with and their roof (the least time any schedule could take, and what sets it).
/// </summary>
public sealed record OpResult(
    string Name,
    string Unit,
    int M,
    int N,
    int K,
    int Repeat,
    string ActivationFormat,
    string WeightFormat,
    long Macs,
    long TotalCycles,
    long ComputeCycles,
    long StallCycles,
    double UtilizationPct,
    TrafficByOperand Traffic,
    ActivityCounts Activities,
    EnergyBreakdown Energy,
    SimTime Start,
    SimTime End,
    FunctionalOutcome Functional,
    TileChoice? Mapping = null,
    OpRoof? Roof = null)
{
    /// <summary>exact, mismatch or skipped.</summary>
    public string FunctionalCheck => Functional.Status;

    public string FunctionalDetail => Functional.Detail;

    public SimTime Latency => End - Start;

    public ByteSize SramRead => Traffic.SramRead;

    public ByteSize SramWritten => Traffic.SramWritten;

    public ByteSize DramRead => Traffic.DramRead;

    public ByteSize DramWritten => Traffic.DramWritten;
}
