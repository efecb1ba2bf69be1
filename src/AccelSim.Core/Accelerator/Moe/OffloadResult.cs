using AccelSim.Cost;
using AccelSim.Events;
using AccelSim.Units;

namespace AccelSim.Accelerator.Moe;

/// <summary>
/// What a MoE decode with expert offloading produced: throughput and per-token latency (p50, p99), the expert cache's
/// hit rates by precision, bytes over the link (on demand and prefetched) and its utilization, what a storage tier
/// below the host supplied (null utilization without one), energy by component and the prompt's share of it,
/// how much of the routed work ran in low precision or was skipped (weighted by gate weight, the quality proxy; and
/// by count, as HOBBIT reports it), the
/// MoE layer output's SQNR against full precision measured on synthetic data, and notes.
/// </summary>
public sealed record OffloadResult(
    string Design,
    string Workload,
    string Policy,
    string PolicyDescription,
    int Batch,
    int Prompt,
    int Steps,
    SimTime Latency,
    SimTime PrefillLatency,
    IReadOnlyList<SimTime> TokenLatencies,
    long HighRequests,
    long HighHits,
    long LowRequests,
    long LowHits,
    ByteSize DemandBytes,
    ByteSize PrefetchBytes,
    int Loads,
    int Prefetches,
    int PrefetchesDropped,
    ByteSize StorageBytes,
    int StorageReads,
    double? StorageUtilizationPct,
    double LinkUtilizationPct,
    double DeviceUtilizationPct,
    double LowGateShare,
    double SkippedGateShare,
    double LowCountShare,
    double SkippedCountShare,
    double? HighSqnrDb,
    double? LowSqnrDb,
    double? LayerSqnrDb,
    int Mismatches,
    EnergyBreakdown Energy,
    Energy PrefillEnergy,
    Area Area,
    IReadOnlyList<string> Notes,
    Timeline? Timeline)
{
    public long Tokens => (long)Batch * Steps;

    /// <summary>Decode throughput: tokens over the decode time (prefill excluded).</summary>
    public double TokensPerSecond => (Latency - PrefillLatency).Seconds == 0 ? 0 : Tokens / (Latency - PrefillLatency).Seconds;

    public double HighHitRatePct => HighRequests == 0 ? 0 : 100.0 * HighHits / HighRequests;

    public double LowHitRatePct => LowRequests == 0 ? 0 : 100.0 * LowHits / LowRequests;

    /// <summary>
    /// Decode energy per decode token: the prompt's energy (<see cref="PrefillEnergy"/>: the device's work, the loads
    /// and the leakage until the prompt ends) left out, as <see cref="TokensPerSecond"/> leaves out its time.
    /// </summary>
    public Energy EnergyPerToken => (Energy.Total - PrefillEnergy) * (1.0 / Math.Max(1, Tokens));

    public SimTime Percentile(double p)
    {
        if (TokenLatencies.Count == 0)
        {
            return default;
        }

        double[] sorted = [.. TokenLatencies.Select(t => (double)t.Picoseconds).Order()];
        return new SimTime((long)Math.Round(MathNet.Numerics.Statistics.SortedArrayStatistics.Quantile(sorted, p)));
    }
}
