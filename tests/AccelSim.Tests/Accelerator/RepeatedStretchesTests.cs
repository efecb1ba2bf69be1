using System.Globalization;
using System.Text;
using AccelSim.Accelerator;
using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Report;
using AccelSim.Workloads;
using static AccelSim.Tests.Cli.CliRunner;

namespace AccelSim.Tests.Accelerator;

/// <summary>
/// A stretch of operations repeated from an earlier one must give exactly what simulating it gives: every result,
/// counter and event, against the same run with repeating switched off (the plain event-by-event simulation).
/// </summary>
public class RepeatedStretchesTests
{
    private static string Design(int cores, string memory, bool doubleBuffered, string dataflow) => $"""
        name: t
        clock: 1 GHz
        compute:
          - name: mxu
            kind: systolic
            count: {cores}
            rows: 16
            columns: 16
            dataflow: {dataflow}
            activation_formats: [int8]
            weight_formats: [int8]
        buffers:
          - name: all
            capacity: 16 KiB
            read_bandwidth: 64 B/cycle
            write_bandwidth: 64 B/cycle
            double_buffered: {(doubleBuffered ? "true" : "false")}
            holds: [activations, weights, outputs]
        memory:
        {memory}
        """;

    private static readonly string[] Designs =
    [
        Design(1, "  kind: dram\n  technology: lpddr4\n  channels: 2\n  bandwidth: 16 GB/s\n  latency: 50 ns\n", true, "output-stationary"),
        Design(2, "  kind: dram\n  technology: lpddr4\n  channels: 4\n  bandwidth: 8 GB/s\n  latency: 80 ns\n", true, "weight-stationary"),
        Design(1, "  kind: dram\n  technology: lpddr4\n  channels: 1\n  bandwidth: 4 GB/s\n  latency: 20 ns\n", false, "input-stationary"),
        Design(3, "  kind: ideal\n", true, "output-stationary"),
        Design(1, $"  preset: {Path.Combine(AppContext.BaseDirectory, "arch-configs", "presets", "lpddr5-timed.yaml")}\n", true, "weight-stationary"),
    ];

    /// <summary>Everything a user gets from a run (ops.csv, summary.json, every resource's counters), as text.</summary>
    private static string Everything(RunResult result)
    {
        var text = new StringBuilder();
        using (var csv = new StringWriter(CultureInfo.InvariantCulture))
        {
            OpsCsv.Write(csv, result);
            text.Append(csv);
        }

        using (var json = new MemoryStream())
        {
            SummaryJson.Write(json, result, new RunProvenance("test", [], [], [], 1, "off", null, null));
            // The one figure that says how the run was done, not what it found.
            text.AppendJoin('\n', Encoding.UTF8.GetString(json.ToArray()).Split('\n').Where(l => !l.Contains("\"events_repeated\"", StringComparison.Ordinal)));
        }

        foreach (AccelSim.Events.ResourceStats r in result.Resources)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{r.Name} {r.Busy.Picoseconds} {r.Requests} {r.Data.Bits}");
        }

        text.Append(CultureInfo.InvariantCulture, $"\n{result.Dram} {result.Events} {result.Makespan.Picoseconds}");
        return text.ToString();
    }

    private static (RunResult Repeated, RunResult Simulated) RunBoth(string design, string workload, FunctionalMode functional = FunctionalMode.Off)
    {
        string dir = TempDirectory();
        return RunFiles(Write(dir, "d.yaml", design), Write(dir, "w.yaml", workload), functional);
    }

    private static (RunResult Repeated, RunResult Simulated) RunFiles(string designPath, string workloadPath, FunctionalMode functional)
    {
        var diagnostics = new Diagnostics();
        ArchitectureConfig arch = ArchitectureLoader.Load(designPath, [], diagnostics)!;
        Workload work = WorkloadLoader.Load(workloadPath, [], diagnostics)!;
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Errors));
        var options = new RunOptions(functional);
        Simulation? simulation = Simulation.Create(arch, work, options, diagnostics);
        Assert.True(simulation is not null, string.Join("\n", diagnostics.Errors));
        RunResult repeated = simulation.Run();
        RunResult simulated = Simulation.Create(arch, work, options with { RepeatStretches = false }, diagnostics)!.Run();
        Assert.Equal(0, simulated.EventsRepeated);
        return (repeated, simulated);
    }

    /// <summary>
    /// Blocks of GEMMs and vector operations repeated a few times, chained block to block, then disturbed the ways
    /// that must stop a stretch from being repeated: one operation's shape changed in one block, a dependency that
    /// skips a block, a block that does not wait for the one before, an operation that waits for nothing, a later
    /// block that differs in its inner dependencies.
    /// </summary>
    private static string RandomWorkload(int seed)
    {
        var random = new Random(seed);
        int length = random.Next(2, 7), blocks = random.Next(2, 7);
        int[] sizes = [16, 40, 96, 130];
        var template = new List<(bool Vector, int M, int N, int K, int Repeat, List<int> Deps)>();
        for (int t = 0; t < length; t++)
        {
            var deps = Enumerable.Range(0, t).Where(_ => random.NextDouble() < 0.4).ToList();
            if (t > 0 && deps.Count == 0 && random.NextDouble() < 0.8)
            {
                deps.Add(random.Next(t));
            }

            template.Add((random.Next(3) == 0, sizes[random.Next(4)], sizes[random.Next(4)], sizes[random.Next(4)], random.Next(4) == 0 ? 2 : 1, deps));
        }

        bool chained = random.NextDouble() < 0.85;
        var ops = new List<(string Name, string Body, List<string> Deps)>();
        for (int b = 0; b < blocks; b++)
        {
            for (int t = 0; t < length; t++)
            {
                var op = template[t];
                List<string> deps = [.. op.Deps.Select(d => $"b{b}o{d}")];
                if (chained && b > 0 && t == 0)
                {
                    deps.Add($"b{b - 1}o{length - 1}");
                }

                string body = op.Vector
                    ? $"vector: add, elements: {op.M * op.N * 3}"
                    : $"m: {op.M}, n: {op.N}, k: {op.K}";
                ops.Add(($"b{b}o{t}", $"{body}, repeat: {op.Repeat}", deps));
            }
        }

        int Pick() => random.Next(ops.Count);
        if (random.NextDouble() < 0.3)
        {
            int i = Pick();
            ops[i] = ops[i] with { Body = ops[i].Body.Replace("repeat: ", "repeat: 1", StringComparison.Ordinal) };
        }

        if (random.NextDouble() < 0.3)
        {
            int i = Pick();
            ops[i] = ops[i] with { Body = ops[i].Body.StartsWith("m: ", StringComparison.Ordinal) ? "m: 33" + ops[i].Body[ops[i].Body.IndexOf(',', StringComparison.Ordinal)..] : "vector: add, elements: 77, repeat: 1" };
        }

        if (random.NextDouble() < 0.3)
        {
            // A dependency from a later block back past the block before it (a skip connection).
            int to = random.Next(Math.Min(ops.Count, 2 * length), ops.Count + 1);
            if (to < ops.Count)
            {
                ops[to].Deps.Add(ops[random.Next(to - length)].Name);
            }
        }

        if (random.NextDouble() < 0.2)
        {
            int i = Pick();
            ops[i].Deps.Clear();
        }

        if (random.NextDouble() < 0.2)
        {
            ops.Insert(Pick(), ($"free{seed}", "m: 40, n: 16, k: 96", []));
        }

        if (random.NextDouble() < 0.2)
        {
            // One later operation also waits for an earlier one of its own block that its counterparts do not.
            int i = random.Next(ops.Count / 2, ops.Count);
            int inBlock = i - (i % length);
            if (i > inBlock)
            {
                ops[i].Deps.Add(ops[random.Next(inBlock, i)].Name);
            }
        }

        var yaml = new StringBuilder("kind: gemm\nops:\n");
        foreach ((string name, string body, List<string> deps) in ops)
        {
            string after = deps.Count == 0 ? "" : $", depends_on: [{string.Join(", ", deps.Distinct())}]";
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{name: {name}, {body}{after}}}\n");
        }

        return yaml.ToString();
    }

    private static string Ops(params string[] lines) => "kind: gemm\nops:\n" + string.Concat(lines.Select(l => $"  - {{{l}}}\n"));

    private static string Blocks(int count, Func<int, string[]> block) => Ops([.. Enumerable.Range(0, count).SelectMany(block)]);

    public static TheoryData<string, string> NearRepeats => new()
    {
        // An operation after the stretch waits only for one inside it, so it starts while the stretch runs.
        { "waits inside", Ops([.. Enumerable.Range(0, 6).Select(i => $"name: a{i}, m: 96, n: 40, k: 130" + (i > 0 ? $", depends_on: [a{i - 1}]" : "")), "name: x, vector: add, elements: 50000, depends_on: [a1]"]) },
        // The last block's vector operation waits for the block's first GEMM, not its second: it overlaps the second.
        { "inner dependency", Blocks(4, k => [$"name: p{k}, m: 96, n: 40, k: 130" + (k > 0 ? $", depends_on: [q{k - 1}, r{k - 1}]" : ""), $"name: q{k}, m: 96, n: 96, k: 130, depends_on: [p{k}]",
            $"name: r{k}, vector: add, elements: 9000, depends_on: [{(k == 3 ? "p" : "q")}{k}]"]) },
        // Each block starts on the vector unit once the one before has left it; the operation after the last block
        // waits as the block starts did but runs on the array, which is free long before.
        { "next on another unit", Blocks(4, k => [$"name: c{k}, vector: add, elements: 2000" + (k > 0 ? $", depends_on: [g{k - 1}]" : ""), $"name: g{k}, m: 16, n: 16, k: 16, depends_on: [c{k}]",
            $"name: v{k}, vector: add, elements: 200000, depends_on: [c{k}]"]) + "  - {name: z, m: 16, n: 16, k: 16, depends_on: [g3]}\n" },
        // The operation after the last block runs where the block starts do but waits for less, so it starts early.
        { "next waits for less", Blocks(4, k => [$"name: c{k}, vector: add, elements: 2000" + (k > 0 ? $", depends_on: [g{k - 1}]" : ""), $"name: g{k}, m: 96, n: 96, k: 130, depends_on: [c{k}]",
            $"name: v{k}, vector: add, elements: 2000, depends_on: [g{k}]"]) + "  - {name: z, vector: add, elements: 2000, depends_on: [c3]}\n" },
    };

    [Theory]
    [MemberData(nameof(NearRepeats))]
    public void StretchesThatAlmostRepeat_AreSimulated(string what, string workload)
    {
        (RunResult repeated, RunResult simulated) = RunBoth(Designs[0], workload);
        Assert.True(Everything(simulated) == Everything(repeated), $"{what}:\n{workload}");
    }

    [Fact]
    public void RandomRepeatedWorkloads_GiveExactlyWhatSimulatingEveryOperationGives()
    {
        int repeatedRuns = 0;
        for (int seed = 0; seed < 60; seed++)
        {
            string design = Designs[seed % Designs.Length], workload = RandomWorkload(seed);
            (RunResult repeated, RunResult simulated) = RunBoth(design, workload);
            Assert.True(Everything(simulated) == Everything(repeated), $"seed {seed}, design {seed % Designs.Length}:\n{workload}");
            repeatedRuns += repeated.EventsRepeated > 0 ? 1 : 0;
        }

        // Not vacuous: many of the workloads do repeat stretches.
        Assert.True(repeatedRuns >= 15, $"only {repeatedRuns} of 60 runs repeated a stretch");
    }

    [Theory]
    [InlineData("arch-configs/default.yaml", "workloads/default.yaml", FunctionalMode.Sample)]
    [InlineData("arch-configs/default.yaml", "workloads/llm/llama2-7b-prefill-2k.yaml", FunctionalMode.Off)]
    [InlineData("arch-configs/int8-systolic.yaml", "workloads/llm/opt-6.7b-decode-w8a8.yaml", FunctionalMode.Sample)]
    [InlineData("arch-configs/mixpe-w4a8.yaml", "workloads/llm/llama2-7b-decode-w4a8.yaml", FunctionalMode.Sample)]
    [InlineData("arch-configs/eyeriss-like.yaml", "workloads/llm/opt-6.7b-decode-w8a8.yaml", FunctionalMode.Off)]
    public void ShippedTransformers_RepeatTheirLayers_WithTheSameResults(string design, string workload, FunctionalMode functional)
    {
        (RunResult repeated, RunResult simulated) = RunFiles(Path.Combine(AppContext.BaseDirectory, design), Path.Combine(AppContext.BaseDirectory, workload), functional);
        Assert.Equal(Everything(simulated), Everything(repeated));
        // Every layer after the first is repeated from the one before: most of the run's events.
        Assert.True(repeated.EventsRepeated > repeated.Events / 2, $"{repeated.EventsRepeated} of {repeated.Events} events repeated");
    }

    [Fact]
    public void ARecordedTimeline_DrawsEveryInterval_SoNothingIsRepeated()
    {
        string dir = TempDirectory();
        var diagnostics = new Diagnostics();
        ArchitectureConfig arch = ArchitectureLoader.Load(Write(dir, "d.yaml", Designs[0]), [], diagnostics)!;
        string chain = "kind: gemm\nops:\n" + string.Concat(Enumerable.Range(0, 6).Select(i =>
            $"  - {{name: g{i}, m: 96, n: 40, k: 130{(i > 0 ? $", depends_on: [g{i - 1}]" : "")}}}\n"));
        Workload work = WorkloadLoader.Load(Write(dir, "w.yaml", chain), [], diagnostics)!;
        RunResult plain = Simulation.Create(arch, work, new RunOptions(FunctionalMode.Off), diagnostics)!.Run();
        RunResult drawn = Simulation.Create(arch, work, new RunOptions(FunctionalMode.Off, RecordTimeline: true), diagnostics)!.Run();
        Assert.True(plain.EventsRepeated > 0);
        Assert.Equal(0, drawn.EventsRepeated);
        Assert.Equal(plain.Makespan, drawn.Makespan);
        Assert.Equal(plain.Events, drawn.Events);
        Assert.Equal(plain.Ops.Select(o => (o.Name, o.Start, o.End)), drawn.Ops.Select(o => (o.Name, o.Start, o.End)));
    }
}
