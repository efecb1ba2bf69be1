using AccelSim.Accelerator;
using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Units;
using AccelSim.Workloads;
using static AccelSim.Tests.Cli.CliRunner;

namespace AccelSim.Tests.Accelerator;

public class SimulationTests
{
    private static RunResult Simulate(string design, string workload) => SimulateKept(design, workload).Result;

    private static string Design(int count, string memory, bool doubleBuffered = true) => $"""
        name: t
        clock: 1 GHz
        compute:
          - name: mxu
            kind: systolic
            count: {count}
            rows: 16
            columns: 16
            dataflow: output-stationary
            activation_formats: [int8]
            weight_formats: [int8]
        buffers:
          - name: all
            capacity: 64 KiB
            read_bandwidth: 1024 B/cycle
            write_bandwidth: 1024 B/cycle
            double_buffered: {(doubleBuffered ? "true" : "false")}
            holds: [activations, weights, outputs]
        memory:
        {memory}
        """;

    private const string Dram = "  kind: dram\n  technology: lpddr4\n  channels: 2\n  bandwidth: 16 GB/s\n  latency: 50 ns\n";

    private const string Gemm = "kind: gemm\nops:\n  - {name: g, m: 256, n: 256, k: 256}\n";

    [Fact]
    public void BankTimedMemory_CountsRowActivations_AndPricesEachOnce()
    {
        string preset = Path.Combine(AppContext.BaseDirectory, "arch-configs", "presets", "hbm2-neupims.yaml");
        RunResult timed = Simulate(Design(1, $"  preset: {preset}\n"), Gemm);
        AccelSim.Memory.RowBufferStats rows = timed.Dram.Rows!;
        Assert.True(rows.Activations > 0 && rows.Hits > rows.Activations, $"{rows}");

        // The 45 nm table (the default) prices hbm2 per bit at a column read of 1.57 or write of 2.09 pJ plus 2.23 pJ
        // of I/O, and 828 pJ per row activation the memory counted: no activation share on the bits as well.
        double expected = (timed.Dram.Read.Bits * (1.57 + 2.23)) + (timed.Dram.Written.Bits * (2.09 + 2.23)) + (rows.Activations * 828.0);
        Assert.Equal(expected, timed.Energy[AccelSim.Cost.EnergyComponents.Dram].Picojoules, expected * 1e-9);
        Assert.Null(Simulate(Design(1, Dram), Gemm).Dram.Rows);

        // Its standby and refresh: 81.6 mW for each of the preset's 32 channels of 128 pins, over the run.
        Assert.Equal(32 * 0.0816 * timed.Makespan.Seconds * 1e12, timed.Energy[AccelSim.Cost.EnergyComponents.DramBackground].Picojoules, 3);
    }

    private static (RunResult Result, Simulation Simulation) SimulateKept(string design, string workload)
    {
        string dir = TempDirectory();
        var diagnostics = new Diagnostics();
        ArchitectureConfig arch = ArchitectureLoader.Load(Write(dir, "d.yaml", design), [], diagnostics)!;
        Workload work = WorkloadLoader.Load(Write(dir, "w.yaml", workload), [], diagnostics)!;
        Simulation simulation = Simulation.Create(arch, work, new RunOptions(FunctionalMode.Off), diagnostics)!;
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Errors));
        return (simulation.Run(), simulation);
    }

    private static string Chain(int count, bool dependent) => "kind: gemm\nops:\n" + string.Concat(Enumerable.Range(0, count).Select(i =>
        $"  - {{name: g{i}, m: 96, n: 80, k: 256{(dependent && i > 0 ? $", depends_on: [g{i - 1}]" : "")}}}\n"));

    [Fact]
    public void IndependentGemms_LoadBehindTheOneBefore_WithinTheBuffers()
    {
        (RunResult free, Simulation simulation) = SimulateKept(Design(1, Dram), Chain(6, dependent: false));
        RunResult chained = Simulate(Design(1, Dram), Chain(6, dependent: true));
        // Each GEMM starts loading while the one before still computes; a GEMM that needs its predecessor's output cannot.
        for (int i = 1; i < free.Ops.Count; i++)
        {
            Assert.True(free.Ops[i].Start < free.Ops[i - 1].End, $"g{i} starts at {free.Ops[i].Start}, after g{i - 1} ended at {free.Ops[i - 1].End}");
            Assert.True(chained.Ops[i].Start >= chained.Ops[i - 1].End);
        }

        Assert.True(free.Makespan < chained.Makespan, $"{free.Makespan} vs {chained.Makespan}");
        Assert.Equal(chained.Ops.Sum(o => o.ComputeCycles), free.Ops.Sum(o => o.ComputeCycles));
        // The overlap used the second slot of the double-buffered core, and never a third.
        Assert.All(simulation.BufferUse, use => Assert.Equal((2, 2), (use.Peak, use.Slots)));
    }

    [Theory]
    [InlineData(1, "weight-stationary", 64, 80, 256)]
    [InlineData(1, "output-stationary", 1, 512, 512)]
    [InlineData(2, "weight-stationary", 200, 48, 96)]
    [InlineData(4, "input-stationary", 96, 256, 128)]
    public void MappingSearch_IsCloseToBruteForce(int cores, string dataflow, int m, int n, int k)
    {
        // Every schedule the search scores, each run alone on the engine: the one it picks is within 10 % of the fastest (measured: 1.000, 1.000, 1.015, 1.097).
        string design = Design(cores, Dram).Replace("dataflow: output-stationary", $"dataflow: {dataflow}", StringComparison.Ordinal);
        (_, Simulation simulation) = SimulateKept(design, $"kind: gemm\nops:\n  - {{name: g, m: {m}, n: {n}, k: {k}}}\n");
        var op = new GemmOp("g", m, n, k, AccelSim.Numerics.NumericFormats.Parse("int8"), AccelSim.Numerics.NumericFormats.Parse("int8"), 1, [],
            new AccelSim.Config.Yaml.SourceLocation("", 0, 0));
        (TileChoice chosen, IReadOnlyList<TileChoice> all) = simulation.Schedules(op);
        Assert.True(all.Count > 20, $"{all.Count} schedules");
        long best = all.Min(c => simulation.TimeAlone(op, c).Time.Picoseconds);
        long got = simulation.TimeAlone(op, chosen).Time.Picoseconds;
        Assert.True(got <= best * 1.10, $"chosen {chosen} takes {got} ps, the fastest of {all.Count} {best} ps");
    }

    [Theory]
    [InlineData("energy", 1, "weight-stationary", 64, 80, 256)]
    [InlineData("energy", 2, "[ws, os, is]", 200, 48, 96)]
    [InlineData("edp", 1, "[ws, os, is]", 96, 256, 128)]
    [InlineData("edp", 4, "input-stationary", 96, 256, 128)]
    public void MappingSearch_ForEnergy_IsCloseToBruteForce(string objective, int cores, string dataflow, int m, int n, int k)
    {
        // Every schedule the search scores, each run alone on the engine and priced as a run prices it (its dynamic
        // energy, and the design's leakage over its time): the pick is within 10 % of the best energy, and within the
        // square of that of the best EDP, which grows as the square of a time the search knows to within 10 %.
        string design = $"mapping_objective: {objective}\n" + Design(cores, Dram).Replace("dataflow: output-stationary", $"dataflow: {dataflow}", StringComparison.Ordinal);
        (RunResult run, Simulation simulation) = SimulateKept(design, $"kind: gemm\nops:\n  - {{name: g, m: {m}, n: {n}, k: {k}}}\n");
        var op = new GemmOp("g", m, n, k, AccelSim.Numerics.NumericFormats.Parse("int8"), AccelSim.Numerics.NumericFormats.Parse("int8"), 1, [],
            new AccelSim.Config.Yaml.SourceLocation("", 0, 0));
        double leakage = run.StaticPower.Watts;
        double Score(TileChoice c)
        {
            (SimTime time, double dynamic) = simulation.TimeAlone(op, c);
            double joules = dynamic + (leakage * time.Seconds);
            return objective == "energy" ? joules : joules * time.Seconds;
        }

        (TileChoice chosen, IReadOnlyList<TileChoice> all) = simulation.Schedules(op);
        double best = all.Min(Score), got = Score(chosen);
        double tolerance = objective == "energy" ? 1.10 : 1.10 * 1.10;
        Assert.True(got <= best * tolerance, $"chosen {chosen} scores {got}, the best of {all.Count} {best}");
    }

    [Fact]
    public void EnergyObjective_SpendsLessEnergy_AndEdpTheLeastProduct()
    {
        // A slow memory, where schedules that re-read an operand are quicker to start but cost more DRAM energy.
        string workload = "kind: gemm\nops:\n  - {name: a, m: 512, n: 384, k: 768}\n  - {name: b, m: 48, n: 1024, k: 1024}\n  - {name: c, m: 1, n: 2048, k: 512}\n";
        string memory = Dram.Replace("16 GB/s", "4 GB/s", StringComparison.Ordinal);
        RunResult Run(string objective) => Simulate($"mapping_objective: {objective}\n" + Design(1, memory).Replace("capacity: 64 KiB", "capacity: 256 KiB", StringComparison.Ordinal), workload);
        RunResult latency = Run("latency"), energy = Run("energy"), edp = Run("edp");
        double Edp(RunResult r) => r.Energy.Total.Picojoules * r.Makespan.Seconds;
        Assert.True(energy.Energy.Total.Picojoules <= latency.Energy.Total.Picojoules, $"{energy.Energy.Total} vs {latency.Energy.Total}");
        Assert.True(latency.Makespan <= energy.Makespan, $"{latency.Makespan} vs {energy.Makespan}");
        Assert.True(Edp(edp) <= Edp(latency) * 1.001 && Edp(edp) <= Edp(energy) * 1.001, $"{Edp(edp)} vs {Edp(latency)}, {Edp(energy)}");
        Assert.NotEqual(latency.Energy.Total, energy.Energy.Total);
    }

    [Fact]
    public void MultiDataflowArray_PicksPerGemm_AndIsNoSlowerThanAnyOneDataflow()
    {
        // Shapes that favour different dataflows (a GEMV, a tall GEMM, a wide one with short K), each run alone.
        string[] shapes = ["m: 1, n: 512, k: 512", "m: 512, n: 16, k: 64", "m: 16, n: 512, k: 16"];
        OpResult Run(string dataflow, string shape) => Simulate(
            Design(1, Dram).Replace("dataflow: output-stationary", $"dataflow: {dataflow}", StringComparison.Ordinal),
            $"kind: gemm\nops:\n  - {{name: g, {shape}}}\n").Ops[0];
        var picked = new HashSet<string>();
        foreach (string shape in shapes)
        {
            OpResult multi = Run("[ws, os, is]", shape);
            long fastest = new[] { "ws", "os", "is" }.Min(d => Run(d, shape).TotalCycles);
            Assert.True(multi.TotalCycles <= fastest * 1.05, $"{shape}: {multi.TotalCycles} cycles, one dataflow alone {fastest}");
            picked.Add(multi.Mapping!.Array.SpatialMapping);
        }

        Assert.True(picked.Count > 1, string.Join(", ", picked));
    }

    [Fact]
    public void FixedMapping_RunsOneLoopOrder()
    {
        string workload = "kind: gemm\nops:\n  - {name: a, m: 64, n: 80, k: 256}\n  - {name: b, m: 1, n: 512, k: 512}\n";
        RunResult run = Simulate("mapping: fixed\n" + Design(2, Dram).Replace("dataflow: output-stationary", "dataflow: weight-stationary", StringComparison.Ordinal), workload);
        Assert.All(run.Ops, o => Assert.Equal("MNK", o.Mapping!.Order.Name));
    }

    [Fact]
    public void GemmThatFits_ReadsEachOperandFromDramOnce()
    {
        // 256×256×256 INT8 with 32-bit partial sums on a 256 KiB double-buffered buffer: a 128 KiB half cannot hold the
        // whole GEMM (64 + 64 + 256 KiB), so it is cut in tiles, but the buffer keeps the tiles that fit beside the
        // others', and the best schedule fetches each operand once (the 32-bit per-tensor scales once each).
        RunResult run = Simulate(Design(1, Dram).Replace("capacity: 64 KiB", "capacity: 256 KiB", StringComparison.Ordinal), Gemm);
        OpResult op = Assert.Single(run.Ops);
        Assert.True(op.Mapping!.TileM * op.Mapping.TileN * op.Mapping.TileK < 256 * 256 * 256, $"{op.Mapping}");
        Assert.Equal(256L * 256 * 8 + 32, op.Traffic.DramActivationReads.Bits);
        Assert.Equal(256L * 256 * 8 + 32, op.Traffic.DramWeightReads.Bits);
    }

    [Fact]
    public void DoubleBuffering_HidesLoadsBehindCompute()
    {
        OpResult single = Simulate(Design(1, Dram, doubleBuffered: false), Gemm).Ops[0];
        OpResult both = Simulate(Design(1, Dram, doubleBuffered: true), Gemm).Ops[0];
        Assert.True(both.StallCycles < single.StallCycles, $"double {both.StallCycles} vs single {single.StallCycles}");
        Assert.True(both.TotalCycles >= both.ComputeCycles);
    }

    [Fact]
    public void SlowerMemory_NeverMakesItFaster_AndTheMapperMovesLessData()
    {
        // The mapper weighs the exposed first load against compute: on a slow memory it picks tiles that reuse more.
        OpResult fast = Simulate(Design(1, Dram), Gemm).Ops[0];
        OpResult slow = Simulate(Design(1, Dram.Replace("16 GB/s", "2 GB/s", StringComparison.Ordinal)), Gemm).Ops[0];
        Assert.True(slow.TotalCycles > fast.TotalCycles);
        Assert.True(slow.DramRead <= fast.DramRead, $"slow {slow.DramRead} vs fast {fast.DramRead}");
        Assert.Equal(fast.Macs, slow.Macs);
    }

    [Fact]
    public void MoreCores_SplitTheWork_AndShareTheDram()
    {
        OpResult one = Simulate(Design(1, "  kind: ideal\n"), Gemm).Ops[0];
        OpResult four = Simulate(Design(4, "  kind: ideal\n"), Gemm).Ops[0];
        Assert.Equal(one.ComputeCycles, 4 * four.ComputeCycles);
        Assert.Equal(one.Macs, four.Macs);
    }

    [Fact]
    public void MoreCores_SplitAGemmWhoseWholeOutputWouldFitOneTile()
    {
        // One 16×128 output tile fits the buffer; the mapper must still cut it so that all eight cores get a fold.
        const string narrow = "kind: gemm\nops:\n  - {name: g, m: 16, n: 128, k: 64}\n";
        OpResult one = Simulate(Design(1, "  kind: ideal\n"), narrow).Ops[0];
        OpResult eight = Simulate(Design(8, "  kind: ideal\n"), narrow).Ops[0];
        Assert.Equal(one.ComputeCycles, 8 * eight.ComputeCycles);
    }

    [Fact]
    public void DependentOperations_RunInOrder_IndependentVectorWorkOverlaps()
    {
        RunResult result = Simulate(Design(1, Dram),
            "kind: gemm\nops:\n  - {name: a, m: 64, n: 64, k: 64}\n  - {name: b, m: 64, n: 64, k: 64, depends_on: [a]}\n  - {name: v, vector: softmax, elements: 100000}\n");
        OpResult a = result.Ops.Single(o => o.Name == "a"), b = result.Ops.Single(o => o.Name == "b"), v = result.Ops.Single(o => o.Name == "v");
        Assert.True(b.Start >= a.End);
        Assert.True(v.Start < a.End);
        Assert.Equal(result.Makespan, result.Ops.Max(o => o.End));
    }
}
