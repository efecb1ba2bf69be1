using AccelSim.Accelerator;
using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Workloads;
using BenchmarkDotNet.Attributes;

namespace AccelSim.Benchmarks;

/// <summary>
/// Timing-only simulation of whole LLM workloads on the default design (load, expand, map, run the events):
/// a Llama-2-70B decode step (80 layers) and a Llama-2-7B prefill of 2048 tokens. Target: under 1 s each.
/// Run: dotnet run -c Release --project tests/AccelSim.Benchmarks -- --filter '*Simulation*'
/// </summary>
[MemoryDiagnoser]
public class SimulationBenchmarks
{
    [Params("llm/llama2-70b-decode.yaml", "llm/llama2-7b-prefill-2k.yaml")]
    public string Workload { get; set; } = "";

    [Benchmark]
    public long TimingOnlyRun()
    {
        var diagnostics = new AccelSim.Config.Yaml.Diagnostics();
        string root = AppContext.BaseDirectory;
        ArchitectureConfig design = ArchitectureLoader.Load(Path.Combine(root, "arch-configs", "default.yaml"), [], diagnostics)!;
        Workload workload = WorkloadLoader.Load(Path.Combine(root, "workloads", Workload), [], diagnostics)!;
        Simulation simulation = Simulation.Create(design, workload, new RunOptions(FunctionalMode.Off), diagnostics)
            ?? throw new InvalidOperationException(string.Join("\n", diagnostics.Errors));
        return simulation.Run().Cycles;
    }
}
