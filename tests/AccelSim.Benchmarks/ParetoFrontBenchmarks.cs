using AccelSim.Sweep;
using BenchmarkDotNet.Attributes;

namespace AccelSim.Benchmarks;

/// <summary>
/// The Pareto front of a million points under three objectives (continuous, mixed directions), as a merge of a
/// million-point sweep computes it. Run: dotnet run -c Release --project tests/AccelSim.Benchmarks -- --filter '*ParetoFront*'
/// </summary>
[MemoryDiagnoser]
public class ParetoFrontBenchmarks
{
    private double?[][] points = [];
    private readonly bool[] maximize = [true, false, false];

    [Params(10_000, 1_000_000)]
    public int Points { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        // Throughput against energy against area, loosely anticorrelated as a design space's are.
        points = [.. Enumerable.Range(0, Points).Select(_ =>
        {
            double size = random.NextDouble();
            return new double?[] { size * 100 * (0.5 + random.NextDouble()), (0.2 + size) * 1e4 * random.NextDouble(), 10 + (size * 90 * random.NextDouble()) };
        })];
    }

    [Benchmark]
    public int NonDominated() => ParetoFront.NonDominated(points, maximize).Count(f => f);
}
