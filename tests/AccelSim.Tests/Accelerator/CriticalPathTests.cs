using AccelSim.Accelerator;
using AccelSim.Config.Yaml;
using AccelSim.Cost;
using AccelSim.Numerics;
using AccelSim.Units;
using AccelSim.Workloads;

namespace AccelSim.Tests.Accelerator;

/// <summary>The critical path against a brute-force walk of every chain of small random runs.</summary>
public class CriticalPathTests
{
    private static OpResult Op(string name, string unit, long startNs, long latencyNs) => new(
        name, unit, 1, 1, 1, 1, "int8", "int8", 1, 1, 1, 0, 0, TrafficByOperand.None, new ActivityCounts(), new EnergyBreakdown(),
        new SimTime(startNs * 1000), new SimTime((startNs + latencyNs) * 1000), FunctionalOutcome.Skipped("test"));

    [Fact]
    public void IsTheHeaviestChain_ThroughDependenciesAndUnitOrder_AsBruteForceFindsIt()
    {
        var random = new Random(7);
        NumericFormat int8 = NumericFormats.Parse("int8");
        for (int trial = 0; trial < 300; trial++)
        {
            int n = random.Next(1, 10);
            var operations = new List<Operation>();
            var ops = new List<OpResult>();
            var deps = new List<int>[n];
            for (int i = 0; i < n; i++)
            {
                deps[i] = [.. Enumerable.Range(0, i).Where(_ => random.NextDouble() < 0.3)];
                operations.Add(new GemmOp($"g{i}", 1, 1, 1, int8, int8, 1, [.. deps[i].Select(d => $"g{d}")], new SourceLocation("t", i + 1, 1)));
                // Written order is start order, as a run's dependents start after what they wait for.
                ops.Add(Op($"g{i}", random.Next(2) == 0 ? "a" : "b", (i * 100) + random.Next(50), random.Next(1, 300)));
            }

            OpGraph graph = OpGraph.Build(operations, new Diagnostics())!;
            Assert.Equal(operations.Select(o => o.Name), graph.Order.Select(o => o.Name));
            CriticalPath path = CriticalPath.Of(graph, ops);

            // Brute force: every chain that starts anywhere and follows dependency or same-unit-next edges.
            var next = Enumerable.Range(0, n).Select(i => new HashSet<int>(Enumerable.Range(i + 1, n - i - 1).Where(j => deps[j].Contains(i)))).ToArray();
            foreach (IGrouping<string, int> unit in Enumerable.Range(0, n).GroupBy(i => ops[i].Unit))
            {
                int[] started = [.. unit.OrderBy(i => ops[i].Start)];
                for (int k = 1; k < started.Length; k++)
                {
                    next[started[k - 1]].Add(started[k]);
                }
            }

            long Heaviest(int i) => ops[i].Latency.Picoseconds + (next[i].Count == 0 ? 0 : next[i].Max(Heaviest));
            long best = Enumerable.Range(0, n).Max(Heaviest);
            Assert.Equal(best, path.Length.Picoseconds);
            Assert.Equal(best, path.Operations.Sum(o => o.Latency.Picoseconds));
            int[] chain = [.. path.Operations.Select(o => ops.IndexOf(o))];
            for (int k = 1; k < chain.Length; k++)
            {
                Assert.Contains(chain[k], next[chain[k - 1]]);
            }
        }
    }

    [Fact]
    public void OfAnEmptyRun_IsEmpty()
    {
        OpGraph graph = OpGraph.Build([], new Diagnostics())!;
        Assert.Empty(CriticalPath.Of(graph, []).Operations);
    }
}
