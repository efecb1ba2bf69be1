using AccelSim.Accelerator.Moe;
using AccelSim.Accelerator.Pim;
using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Workloads;

namespace AccelSim.Accelerator;

/// <summary>
/// The one place that picks a run kind from the workload (a batched NPU+PIM decode, an MoE offload decode, or
/// operations on the engine), builds it and runs it, for callers that want a figure from whichever ran: a sweep
/// point's metrics, or whether a run finishes at all.
/// </summary>
public static class RunKinds
{
    /// <summary>The chosen kind's result through the matching function, or default when the design cannot run the workload (the reasons are in <paramref name="diagnostics"/>).</summary>
    public static T? Run<T>(ArchitectureConfig design, Workload workload, RunOptions options, Diagnostics diagnostics,
        Func<RunResult, T> operations, Func<DecodeResult, T> decode, Func<OffloadResult, T> offload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(decode);
        ArgumentNullException.ThrowIfNull(offload);
        return workload switch
        {
            { Decode: not null } => DecodeSimulation.Create(design, workload, options, diagnostics) is { } d ? decode(d.Run()) : default,
            { Moe: not null } => OffloadSimulation.Create(design, workload, options, diagnostics) is { } o ? offload(o.Run()) : default,
            _ => Simulation.Create(design, workload, options, diagnostics) is { } s ? operations(s.Run()) : default,
        };
    }
}
