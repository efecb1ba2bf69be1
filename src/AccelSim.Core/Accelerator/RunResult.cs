using AccelSim.Cost;
using AccelSim.Events;
using AccelSim.Memory;
using AccelSim.Units;

namespace AccelSim.Accelerator;

/// <summary>
/// Everything a run produced: per-operation results, totals, energy (dynamic by component plus leakage), the area
/// inventory, resource statistics, notes and the optional timeline. <see cref="Tokens"/> is set for LLM workloads.
/// </summary>
public sealed record RunResult(
    string Design,
    string Workload,
    IReadOnlyList<OpResult> Ops,
    SimTime Makespan,
    long Cycles,
    long Macs,
    MemoryStats Dram,
    string Technology,
    EnergyBreakdown Energy,
    Power StaticPower,
    IReadOnlyList<AreaLine> Area,
    long? Tokens,
    IReadOnlyList<ResourceStats> Resources,
    long Events,
    IReadOnlyList<string> Notes,
    Timeline? Timeline,
    Bandwidth? DramPeak = null,
    Lazy<CriticalPath>? CriticalPathOfRun = null,
    long EventsRepeated = 0)
{
    /// <summary>The chain of operations that bounds the latency; worked out when first read (a sweep point never reads it).</summary>
    public CriticalPath? CriticalPath => CriticalPathOfRun?.Value;

    /// <summary>Off-chip bytes moved over the run's time; null for a run that took no time.</summary>
    public Bandwidth? DramAchieved => Makespan.Picoseconds == 0 ? null : Bandwidth.Of(Dram.Read + Dram.Written, Makespan);

    /// <summary>The achieved DRAM bandwidth as a share of the memory's peak; null for ideal memory.</summary>
    public double? DramPeakSharePct => DramPeak is { } peak && DramAchieved is { } achieved ? 100.0 * achieved.BitsPerSecond / peak.BitsPerSecond : null;

    public int Mismatches => Ops.Count(o => o.FunctionalCheck == "mismatch");

    /// <summary>Integer partial sums that overflowed their accumulator and wrapped, over every checked block.</summary>
    public long AccumulatorOverflows => Ops.Sum(o => o.Functional.Overflows);

    /// <summary>
    /// Quantization error of the run in dB: every checked block's result against the FP64 product of its unquantized
    /// operands, pooled (Σ signal over Σ noise). Null when no GEMM was checked.
    /// </summary>
    public double? SqnrDb => Ops.Sum(o => o.Functional.Outputs) == 0
        ? null
        : FunctionalOutcome.Sqnr(Ops.Sum(o => o.Functional.Signal), Ops.Sum(o => o.Functional.Noise));

    public Area TotalArea => Area.Aggregate(default(Area), (sum, line) => sum + line.Area);

    /// <summary>Operations per second: two per MAC.</summary>
    public double OpsPerSecond => Makespan.Seconds == 0 ? 0 : 2.0 * Macs / Makespan.Seconds;

    public double Tops => OpsPerSecond / 1e12;

    /// <summary>Operations per joule, in TOPS/W (= tera-operations per joule).</summary>
    public double TopsPerWatt => Energy.Total.Joules == 0 ? 0 : 2.0 * Macs / Energy.Total.Joules / 1e12;

    public double TopsPerMm2 => TotalArea.SquareMillimetres == 0 ? 0 : Tops / TotalArea.SquareMillimetres;

    public double PicojoulesPerMac => Macs == 0 ? 0 : Energy.Total.Picojoules / Macs;

    /// <summary>Energy-delay product in joule-seconds.</summary>
    public double EnergyDelayJouleSeconds => Energy.Total.Joules * Makespan.Seconds;

    public Energy? EnergyPerToken => Tokens is long t && t > 0 ? Energy.Total * (1.0 / t) : null;
}
