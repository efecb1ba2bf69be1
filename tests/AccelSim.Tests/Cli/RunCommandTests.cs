using static AccelSim.Tests.Cli.CliRunner;

namespace AccelSim.Tests.Cli;

public class RunCommandTests
{
    private static string ScaleSimConfig(int rows, int columns, string dataflow) => $"""
        [general]
        run_name = golden

        [architecture_presets]
        ArrayHeight:    {rows}
        ArrayWidth:     {columns}
        IfmapSramSzkB:    6144
        FilterSramSzkB:   6144
        OfmapSramSzkB:    2048
        IfmapOffset:    0
        Dataflow : {dataflow}
        Bandwidth : 10

        [run_presets]
        InterfaceBandwidth: CALC
        """;

    // SCALE-Sim v2's printed Total Cycles, stall-free (../shared/reference/scalesim.md); it prints the last cycle's
    // index, one less than AccelSim's cycle count. Run end to end: SCALE-Sim .cfg and topology CSV in, ops.csv out.
    [Theory]
    [InlineData(32, 32, "os", 64, 64, 64, 503)]
    [InlineData(128, 128, "ws", 64, 64, 64, 445)]
    [InlineData(16, 16, "is", 100, 37, 250, 9295)]
    [InlineData(128, 128, "os", 512, 4096, 4096, 556799)]
    public void Run_ScaleSimConfigAndTopology_GivesScaleSimCycles(int rows, int columns, string dataflow, int m, int n, int k, long scaleSim)
    {
        string dir = TempDirectory();
        string cfg = Write(dir, "golden.cfg", ScaleSimConfig(rows, columns, dataflow));
        string topology = Write(dir, "gemm.csv", $"Layer, M, N, K,\ng, {m}, {n}, {k},\n");
        (int exit, string output, string error) = Run("run", "--arch", cfg, "--workload", topology, "--out", Path.Combine(dir, "out"), "--functional", "off");
        Assert.True(exit == 0, error);
        Dictionary<string, string> op = Assert.Single(ReadOps(Path.Combine(dir, "out")));
        Assert.Equal(scaleSim, long.Parse(op["total_cycles"], System.Globalization.CultureInfo.InvariantCulture) - 1);
        Assert.Equal("0", op["stall_cycles"]);
        Assert.Contains("ignored keys IfmapOffset", output, StringComparison.Ordinal);
        Assert.Contains("operands taken as INT8", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoArguments_SimulatesTheDefaults_AndChecksEveryGemm()
    {
        string dir = TempDirectory();
        (int exit, string output, string error) = Run("run", "--out", dir);
        Assert.True(exit == 0, error);
        Assert.Contains("tpu-like-int8 on llama2-7b-decode-b1-2k-w8a8", output, StringComparison.Ordinal);
        List<Dictionary<string, string>> ops = ReadOps(dir);
        Assert.Equal(32 * 17, ops.Count);
        Assert.All(ops.Where(o => o["unit"] == "mxu"), o => Assert.Equal("exact", o["functional_check"]));
        Assert.True(File.Exists(Path.Combine(dir, "summary.json")));
    }

    [Fact]
    public void Run_ReportsEnergyAreaAndEnergyPerToken_AndDrawsTheBreakdown()
    {
        string dir = TempDirectory();
        string chart = Path.Combine(dir, "energy.svg");
        (int exit, string output, string error) = Run("run", "--out", dir, "--functional", "off", "--set", "workload.layers=2", "--breakdown-chart", chart);
        Assert.True(exit == 0, error);
        foreach (string row in new[] { "dynamic + static", "(leakage + DRAM background)", "critical path", "µJ", "mm²", "pJ/MAC", "TOPS/W", "TOPS/mm²", "µJ·s", "mJ/token", "energy by component", "area by component", "sram.weights" })
        {
            Assert.Contains(row, output, StringComparison.Ordinal);
        }

        // Every table fits an 80-column terminal.
        Assert.All(output.Split('\n').Where(l => l.Contains('│') || l.Contains('─') || l.StartsWith("  ", StringComparison.Ordinal)), l => Assert.True(l.TrimEnd().Length <= 80, l));

        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        System.Text.Json.JsonElement root = summary.RootElement;
        Assert.Equal("accelsim-summary/2", root.GetProperty("schema").GetString());
        Assert.Equal("operations", root.GetProperty("run_kind").GetString());
        double total = root.GetProperty("energy_uj").GetDouble();
        double parts = root.GetProperty("energy_by_component_uj").EnumerateObject().Sum(p => p.Value.GetDouble());
        Assert.Equal(total, parts, 0);
        Assert.True(root.GetProperty("area_mm2").GetDouble() > 0);
        Assert.Equal(1, root.GetProperty("tokens").GetInt64());
        Assert.Equal(root.GetProperty("energy_uj").GetDouble(), root.GetProperty("energy_per_token_uj").GetDouble(), 3);
        Assert.Equal(root.GetProperty("energy_uj").GetDouble(),
            root.GetProperty("energy_dynamic_uj").GetDouble() + root.GetProperty("energy_static_uj").GetDouble(), 3);
        System.Text.Json.JsonElement critical = root.GetProperty("operations").GetProperty("critical_path");
        Assert.Equal(critical.GetProperty("operations").GetInt32(), critical.GetProperty("path").GetArrayLength());
        Assert.True(critical.GetProperty("length_us").GetDouble() >= 0.9 * root.GetProperty("latency_us").GetDouble());
        System.Text.Json.JsonElement provenance = root.GetProperty("provenance");
        Assert.Equal(["workload.layers=2"], provenance.GetProperty("overrides").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(provenance.GetProperty("inputs").EnumerateArray(), i => i.GetProperty("path").GetString()!.EndsWith("llama2-7b.yaml", StringComparison.Ordinal)
            && i.GetProperty("sha256").GetString()!.Length == 64);
        Assert.DoesNotContain(provenance.GetProperty("inputs").EnumerateArray(), i => Path.IsPathRooted(i.GetProperty("path").GetString()!));
        Assert.Equal("2", root.GetProperty("resolved").GetProperty("workload").GetProperty("layers").GetString());

        List<Dictionary<string, string>> ops = ReadOps(dir);
        double Column(Dictionary<string, string> op, string name) => double.Parse(op[name], System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(ops, op => Assert.Equal(Column(op, "energy_uj"),
            new[] { "compute", "register", "sram", "dram", "pim", "link" }.Sum(c => Column(op, $"energy_{c}_uj")), 8));

        var svg = System.Xml.Linq.XDocument.Parse(File.ReadAllText(chart));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Contains("ffn_up", File.ReadAllText(chart), StringComparison.Ordinal);
        Assert.Contains("static (whole run)", File.ReadAllText(chart), StringComparison.Ordinal);
        Assert.Contains("dram background", File.ReadAllText(chart), StringComparison.Ordinal);
        string again = Path.Combine(dir, "again.svg");
        Assert.Equal(0, Run("run", "--out", dir, "--functional", "off", "--set", "workload.layers=2", "--breakdown-chart", again).Exit);
        Assert.Equal(File.ReadAllBytes(chart), File.ReadAllBytes(again));
    }

    [Fact]
    public void Run_IsDeterministic_ByteForByte()
    {
        string a = TempDirectory(), b = TempDirectory();
        string workload = Write(a, "w.yaml", "kind: gemm\nops:\n  - {name: x, m: 70, n: 300, k: 200}\n  - {name: y, m: 70, n: 64, k: 300, depends_on: [x]}\n");
        Assert.Equal(0, Run("run", "--workload", workload, "--out", a, "--seed", "7").Exit);
        Assert.Equal(0, Run("run", "--workload", workload, "--out", b, "--seed", "7").Exit);
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "ops.csv")), File.ReadAllBytes(Path.Combine(b, "ops.csv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "summary.json")), File.ReadAllBytes(Path.Combine(b, "summary.json")));
    }

    [Fact]
    public void Run_FullFunctional_ChecksEveryOutput()
    {
        string dir = TempDirectory();
        string workload = Write(dir, "w.csv", "name,m,n,k,activation_format,weight_format\nx,33,70,300,int8,int4\n");
        (int exit, _, string error) = Run("run", "--workload", workload, "--out", dir, "--functional", "full");
        Assert.True(exit == 0, error);
        Dictionary<string, string> op = Assert.Single(ReadOps(dir));
        Assert.Equal("exact", op["functional_check"]);
        Assert.Contains("all 2310 outputs", op["functional_detail"], StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SlowMemory_Stalls_AndSetOverridesTheDesign()
    {
        string dir = TempDirectory();
        string workload = Write(dir, "w.csv", "name,m,n,k\nx,1,4096,4096\n");
        Assert.Equal(0, Run("run", "--workload", workload, "--out", Path.Combine(dir, "fast"), "--functional", "off").Exit);
        (int exit, _, string error) = Run("run", "--workload", workload, "--out", Path.Combine(dir, "slow"), "--functional", "off",
            "--set", "memory.bandwidth=1 GB/s");
        Assert.True(exit == 0, error);
        Dictionary<string, string> fast = Assert.Single(ReadOps(Path.Combine(dir, "fast")));
        Dictionary<string, string> slow = Assert.Single(ReadOps(Path.Combine(dir, "slow")));
        // The mapper may pick another schedule when memory is slow, so only the stall and the DRAM bound are compared.
        Assert.True(long.Parse(slow["stall_cycles"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("dram", slow["bound"]);
        Assert.Equal("compute", fast["bound"]);
        // 16 MiB of weights at 1 GB/s cannot take less than 16.7 ms.
        Assert.True(double.Parse(slow["latency_us"], System.Globalization.CultureInfo.InvariantCulture) * 1e3 >= 4096.0 * 4096 / 1.0);
    }

    [Fact]
    public void Run_Timeline_WritesChromeTrace()
    {
        string dir = TempDirectory();
        string workload = Write(dir, "w.csv", "name,m,n,k\nx,16,512,512\n");
        string trace = Path.Combine(dir, "trace.json");
        Assert.Equal(0, Run("run", "--workload", workload, "--out", dir, "--timeline", trace, "--functional", "off").Exit);
        string json = File.ReadAllText(trace);
        Assert.Contains("\"traceEvents\"", json, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"x\"", json, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"load x\"", json, StringComparison.Ordinal);

        // The process is named for the run; every buffer port has a track; spans carry their bytes and tile shapes.
        Assert.Contains("\"name\":\"process_name\"", json, StringComparison.Ordinal);
        Assert.Contains("AccelSim: tpu-like-int8 on w", json, StringComparison.Ordinal);
        Dictionary<string, List<(double Start, double End)>> tracks = Tracks(trace);
        Assert.Contains(tracks.Keys, k => k.EndsWith("weights.read", StringComparison.Ordinal));
        Assert.Contains(tracks.Keys, k => k.EndsWith("outputs.write", StringComparison.Ordinal));
        Assert.Contains("\"detail\":\"tile ", json, StringComparison.Ordinal);
        Assert.Contains("\"bytes\":", json, StringComparison.Ordinal);
    }

    /// <summary>Spans of a Chrome trace by track name, as (start, end) in µs.</summary>
    private static Dictionary<string, List<(double Start, double End)>> Tracks(string trace)
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(trace));
        var names = new Dictionary<int, string>();
        var spans = new Dictionary<string, List<(double, double)>>(StringComparer.Ordinal);
        foreach (System.Text.Json.JsonElement e in json.RootElement.GetProperty("traceEvents").EnumerateArray())
        {
            if (e.GetProperty("ph").GetString() == "M")
            {
                if (e.GetProperty("name").GetString() == "thread_name")
                {
                    names[e.GetProperty("tid").GetInt32()] = e.GetProperty("args").GetProperty("name").GetString()!;
                }

                continue;
            }

            int tid = e.GetProperty("tid").GetInt32();

            double start = e.GetProperty("ts").GetDouble();
            string track = names[tid];
            if (!spans.TryGetValue(track, out List<(double, double)>? list))
            {
                spans[track] = list = [];
            }

            list.Add((start, start + e.GetProperty("dur").GetDouble()));
        }

        return spans;
    }

    [Theory]
    [InlineData("neupims", "neupims (2 sub-batches)", true)]
    [InlineData("npu-pim-naive", "npu+pim (1 sub-batch)", false)]
    public void Run_BatchedDecode_WritesItsSummary_AndTheTimelineShowsWhetherNpuAndPimOverlap(string design, string scheduler, bool overlaps)
    {
        string dir = TempDirectory();
        string trace = Path.Combine(dir, "trace.json");
        (int exit, string output, string error) = Run("run", "--arch", Path.Combine(AppContext.BaseDirectory, "arch-configs", $"{design}.yaml"),
            "--workload", Path.Combine(AppContext.BaseDirectory, "workloads", "llm", "gpt3-7b-batched-b256.yaml"),
            "--set", "workload.layers=2", "--set", "workload.steps=1", "--set", "workload.batch=32", "--timeline", trace, "--out", dir);
        Assert.True(exit == 0, error);
        Assert.Contains(scheduler, output, StringComparison.Ordinal);
        Assert.Contains("tokens/s", output, StringComparison.Ordinal);
        using (var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))))
        {
            Assert.True(summary.RootElement.GetProperty("tokens_per_s").GetDouble() > 0);
            Assert.Equal("batched-decode", summary.RootElement.GetProperty("run_kind").GetString());
            System.Text.Json.JsonElement checks = summary.RootElement.GetProperty("batched_decode").GetProperty("pim_checks");
            Assert.Equal(2, checks.GetArrayLength()); // QKᵀ and PV
            Assert.All(checks.EnumerateArray(), c => Assert.Equal("exact", c.GetProperty("status").GetString()));
        }

        Dictionary<string, List<(double Start, double End)>> tracks = Tracks(trace);
        List<(double Start, double End)> npu = tracks["npu"];
        var pim = tracks.Where(t => t.Key.StartsWith("pim.ch", StringComparison.Ordinal)).SelectMany(t => t.Value).ToList();
        Assert.NotEmpty(npu);
        Assert.NotEmpty(pim);
        bool overlap = npu.Any(n => pim.Any(p => p.Start < n.End && n.Start < p.End));
        Assert.Equal(overlaps, overlap);
    }

    [Theory]
    [InlineData("moe-edge-4090like", "hobbit")]
    [InlineData("moe-edge-orinlike", "on-demand-lru")]
    public void Run_MoeDecode_OnTheShippedEdgeDesigns_WritesItsSummary(string design, string policy)
    {
        string dir = TempDirectory();
        (int exit, string output, string error) = Run("run", "--arch", Path.Combine(AppContext.BaseDirectory, "arch-configs", $"{design}.yaml"),
            "--workload", Path.Combine(AppContext.BaseDirectory, "workloads", "moe", "mixtral-8x7b-decode.yaml"),
            "--set", $"arch.offload.policy={policy}", "--set", "workload.prompt=0", "--set", "workload.context=64", "--set", "workload.tokens=3", "--out", dir);
        Assert.True(exit == 0, error);
        Assert.Contains(policy, output, StringComparison.Ordinal);
        Assert.Contains("tokens/s", output, StringComparison.Ordinal);
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        Assert.Equal("moe-decode", summary.RootElement.GetProperty("run_kind").GetString());
        Assert.Equal(policy, summary.RootElement.GetProperty("moe_decode").GetProperty("policy").GetString());
        Assert.True(summary.RootElement.GetProperty("tokens_per_s").GetDouble() > 0);
        Assert.Equal(3, summary.RootElement.GetProperty("moe_decode").GetProperty("token_latency_us").GetArrayLength());
        Assert.Equal(0, summary.RootElement.GetProperty("functional_mismatches").GetInt32());
    }

    [Fact]
    public void Run_MoeDecode_OnADesignWithoutOffload_SaysWhatIsMissing()
    {
        (int exit, _, string error) = Run("run", "--workload", Path.Combine(AppContext.BaseDirectory, "workloads", "moe", "mixtral-8x7b-decode.yaml"), "--out", TempDirectory());
        Assert.Equal(1, exit);
        Assert.Contains("design: tpu-like-int8 has no offload: section", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
