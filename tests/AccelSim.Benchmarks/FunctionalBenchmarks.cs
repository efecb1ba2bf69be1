using AccelSim.Accelerator;
using AccelSim.Config;
using AccelSim.Workloads;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace AccelSim.Benchmarks;

/// <summary>
/// Functional execution through each PE kind's own algorithm: one Llama-2-7B decode step (batch 1) with every distinct
/// GEMM shape run in full through the PE kernel and the independent reference (--functional full) on each shipped
/// PE design at its precision. Target: under 30 s each on the 2-core machine. Each run takes seconds, so the job
/// measures two cold runs per design instead of BenchmarkDotNet's usual many.
/// Run: dotnet run -c Release --project tests/AccelSim.Benchmarks -- --filter '*Functional*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 2)]
public class FunctionalBenchmarks
{
    [Params(
        "fp16-dequant-baseline|llm/llama2-7b-decode-w4a16.yaml",
        "int8-systolic|default.yaml",
        "mixpe-w4a8|llm/llama2-7b-decode-w4a8.yaml",
        "mixpe-w4a16|llm/llama2-7b-decode-w4a16.yaml",
        "bitserial-bitmod|llm/llama2-7b-decode-w4a8.yaml",
        "lut-tensor-core|llm/llama2-7b-decode-w4a8.yaml")]
    public string DesignAndWorkload { get; set; } = "";

    [Benchmark]
    public long FullFunctionalRun()
    {
        var diagnostics = new AccelSim.Config.Yaml.Diagnostics();
        string root = AppContext.BaseDirectory;
        string[] parts = DesignAndWorkload.Split('|');
        ArchitectureConfig design = ArchitectureLoader.Load(Path.Combine(root, "arch-configs", parts[0] + ".yaml"), [], diagnostics)!;
        Workload workload = WorkloadLoader.Load(Path.Combine(root, "workloads", parts[1]), [], diagnostics)!;
        Simulation simulation = Simulation.Create(design, workload, new RunOptions(FunctionalMode.Full), diagnostics)
            ?? throw new InvalidOperationException(string.Join("\n", diagnostics.Errors));
        RunResult result = simulation.Run();
        return result.Mismatches == 0
            ? result.Cycles
            : throw new InvalidOperationException("A functional check did not match its reference.");
    }
}
