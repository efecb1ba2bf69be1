using AccelSim.Cost;
using AccelSim.Events;
using AccelSim.Units;

namespace AccelSim.Accelerator.Pim;

/// <summary>
/// A batched decode's results: throughput, per-step latency, how busy the NPU and the PIM channels were, bytes by
/// path, energy by component, the PIM GEMV checks and the NPU blocks' checks, and the optional timeline.
/// </summary>
public sealed record DecodeResult(
    string Design,
    string Workload,
    string Scheduler,
    int Batch,
    int SubBatches,
    int Steps,
    int Layers,
    SimTime Makespan,
    IReadOnlyList<SimTime> StepLatencies,
    double NpuBusyPct,
    double NpuMacUtilizationPct,
    double PimBusyPct,
    double PimMacUtilizationPct,
    IReadOnlyList<double> ChannelPimBusyPct,
    IReadOnlyList<(string Path, ByteSize Bytes)> Traffic,
    long NpuMacs,
    long PimMacs,
    EnergyBreakdown Energy,
    IReadOnlyList<AreaLine> Area,
    IReadOnlyList<(string Name, FunctionalOutcome Outcome)> Checks,
    int NpuMismatches,
    IReadOnlyList<string> Notes,
    Timeline? Timeline)
{
    public long Tokens => (long)Batch * Steps;

    public double TokensPerSecond => Makespan.Seconds == 0 ? 0 : Tokens / Makespan.Seconds;

    public int Mismatches => NpuMismatches + Checks.Count(c => c.Outcome.Status == "mismatch");

    public Energy EnergyPerToken => Energy.Total * (1.0 / Math.Max(1, Tokens));

    public Area TotalArea => Area.Aggregate(default(Area), (sum, line) => sum + line.Area);
}
