using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Cost;
using AccelSim.Units;
using AccelSim.Workloads;

namespace AccelSim.Accelerator;

/// <summary>
/// Times blocks of operations by running each alone on the design's own engine (tiles, buffers, memory), once per
/// distinct key, for simulations that compose blocks on coarser resources (NPU + PIM decoding, expert offloading).
/// </summary>
internal sealed class BlockRunner(ArchitectureConfig design, string source, RunOptions options)
{
    private readonly Dictionary<string, BlockCost> blocks = [];

    public RunOptions Options => options;

    /// <summary>Every block run so far, each once.</summary>
    public IEnumerable<BlockCost> Distinct => blocks.Values;

    public BlockCost Run(string key, Func<IReadOnlyList<Operation>> ops)
    {
        ArgumentNullException.ThrowIfNull(ops);
        if (blocks.TryGetValue(key, out BlockCost? cost))
        {
            return cost;
        }

        var diagnostics = new Diagnostics();
        Simulation simulation = Simulation.Create(design, new Workload(key, source, ops(), []), options with { RecordTimeline = false, Progress = null }, diagnostics)
            ?? throw new InvalidOperationException($"A block the validation accepted failed: {string.Join("; ", diagnostics.Errors)}");
        RunResult result = simulation.Run();
        var dynamic = new EnergyBreakdown();
        foreach ((string component, Energy e) in result.Energy.Parts.Where(p => p.Key != EnergyComponents.Leakage))
        {
            dynamic.Add(component, e);
        }

        cost = new BlockCost(result.Makespan, dynamic, result.Macs, result.Dram.Read, result.Dram.Written, result.Mismatches, result.SqnrDb);
        blocks[key] = cost;
        return cost;
    }
}
