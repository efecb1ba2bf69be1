using AccelSim.Events;
using AccelSim.Memory;
using AccelSim.Units;

namespace AccelSim.Accelerator;

/// <summary>Everything a run produced: per-operation results, totals, resource statistics, notes and the optional timeline.</summary>
public sealed record RunResult(
    string Design,
    string Workload,
    IReadOnlyList<OpResult> Ops,
    SimTime Makespan,
    long Cycles,
    long Macs,
    MemoryStats Dram,
    IReadOnlyList<ResourceStats> Resources,
    long Events,
    IReadOnlyList<string> Notes,
    Timeline? Timeline)
{
    public int Mismatches => Ops.Count(o => o.FunctionalCheck == "mismatch");
}
