using AccelSim.Sweep;
using BenchmarkDotNet.Attributes;

namespace AccelSim.Benchmarks;

/// <summary>
/// Sweep throughput: the shipped systolic-size sweep (timing-only Llama-2-7B decode points: array shape × weight
/// buffer × dataflow) run on two threads, as <c>accelsim sweep --jobs 2</c> does, without the journal's file writes.
/// Target: at least 1,000 points a minute on a 2-core machine, i.e. at most 60 ms per point: divide the mean by the
/// point count the benchmark prints. Run: dotnet run -c Release --project tests/AccelSim.Benchmarks -- --filter '*Sweep*'
/// </summary>
[MemoryDiagnoser]
public class SweepBenchmarks
{
    private SweepSpec spec = null!;
    private IReadOnlyList<SweepPoint> points = [];

    [GlobalSetup]
    public void Load()
    {
        var diagnostics = new AccelSim.Config.Yaml.Diagnostics();
        spec = SweepSpecReader.Load(Path.Combine(AppContext.BaseDirectory, "arch-configs", "sweeps", "systolic-size.yaml"), diagnostics)
            ?? throw new InvalidOperationException(string.Join("\n", diagnostics.Errors));
        points = SweepExpansion.Points(spec);
        Console.WriteLine($"// {points.Count} points per invocation");
    }

    [Benchmark]
    public int SystolicSizeSweepOnTwoThreads()
    {
        int ok = 0;
        SweepRunner.Run(spec, points, 2, r => Interlocked.Add(ref ok, r.Status == PointResult.Ok ? 1 : 0));
        return ok;
    }
}
