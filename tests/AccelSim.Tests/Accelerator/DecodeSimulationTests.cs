using System.Text;
using AccelSim.Accelerator;
using AccelSim.Accelerator.Pim;
using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Report;
using AccelSim.Workloads;

namespace AccelSim.Tests.Accelerator;

public class DecodeSimulationTests
{
    private static string Shipped(string relative) => Path.Combine(AppContext.BaseDirectory, relative);

    /// <summary>GPT-3 7B (TP 4) for one layer and one step, so each run takes a second or two.</summary>
    private static DecodeResult Decode(string design, int batch, params string[] sets)
    {
        var diagnostics = new Diagnostics();
        string[] designSets = [.. sets.Where(s => s.StartsWith("arch.", StringComparison.Ordinal)).Select(s => s[5..])];
        string[] workloadSets = [.. sets.Where(s => !s.StartsWith("arch.", StringComparison.Ordinal)), $"batch={batch}", "layers=1", "steps=1"];
        ArchitectureConfig arch = ArchitectureLoader.Load(Shipped($"arch-configs/{design}.yaml"), designSets, diagnostics)!;
        Workload workload = WorkloadLoader.Load(Shipped("workloads/llm/gpt3-7b-batched-b256.yaml"), workloadSets, diagnostics)!;
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Errors));
        DecodeSimulation simulation = DecodeSimulation.Create(arch, workload, new RunOptions(FunctionalMode.Sample), diagnostics)!;
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Errors));
        return simulation.Run();
    }

    [Fact]
    public void PimSchedulers_CheckTheirGemvsExactly_AndBeatTheNpuAlone()
    {
        DecodeResult npu = Decode("npu-only", 64);
        DecodeResult naive = Decode("npu-pim-naive", 64);
        Assert.Empty(npu.Checks);
        Assert.Equal(0, npu.PimMacs);
        Assert.All(naive.Checks, c => Assert.Equal("exact", c.Outcome.Status));
        Assert.Equal(2, naive.Checks.Count);
        Assert.Equal(0, naive.Mismatches);
        // Attention is the same work either way; in the banks it reads the caches at 16× the bus bandwidth.
        Assert.Equal(npu.NpuMacs + npu.PimMacs, naive.NpuMacs + naive.PimMacs);
        Assert.True(naive.TokensPerSecond > npu.TokensPerSecond, $"naive {naive.TokensPerSecond:N0} vs npu-only {npu.TokensPerSecond:N0} tokens/s");
    }

    [Fact]
    public void Interleaving_PaysAtLargeBatch_AndHurtsAtSmall()
    {
        // NeuPIMs: sub-batch interleaving hurts at small batch (each half streams all the weights, and a half-batch
        // GEMM is no faster on a weight-bound NPU) and pays at large batch, where a half-batch GEMM takes about half
        // the time and the other half's attention hides behind it.
        double large = Decode("neupims", 512).TokensPerSecond, largeNaive = Decode("npu-pim-naive", 512).TokensPerSecond;
        double small = Decode("neupims", 8).TokensPerSecond, smallNaive = Decode("npu-pim-naive", 8).TokensPerSecond;
        Assert.True(large > largeNaive, $"batch 512: neupims {large:N0} vs naive {largeNaive:N0} tokens/s");
        Assert.True(small < smallNaive, $"batch 8: neupims {small:N0} vs naive {smallNaive:N0} tokens/s");
    }

    [Fact]
    public void DualRowBuffers_LetInterleavingOverlap_WhereBlockedChannelsCannot()
    {
        DecodeResult dual = Decode("neupims", 256);
        DecodeResult blocked = Decode("neupims", 256, "arch.memory.pim.mode=blocked");
        Assert.True(dual.TokensPerSecond > 1.1 * blocked.TokensPerSecond, $"dual {dual.TokensPerSecond:N0} vs blocked {blocked.TokensPerSecond:N0} tokens/s");
        Assert.Equal(dual.PimMacs, blocked.PimMacs);
    }

    [Fact]
    public void GreedyPlacement_BalancesTheChannelsBetterThanRoundRobin()
    {
        DecodeResult greedy = Decode("npu-pim-naive", 100);
        DecodeResult roundRobin = Decode("npu-pim-naive", 100, "placement=round-robin");
        double Spread(DecodeResult r) => r.ChannelPimBusyPct.Max() - r.ChannelPimBusyPct.Min();
        Assert.True(Spread(greedy) < Spread(roundRobin), $"greedy {Spread(greedy):N2} vs round-robin {Spread(roundRobin):N2} points");
        Assert.True(greedy.Makespan <= roundRobin.Makespan);
    }

    [Fact]
    public void Int4KvCache_IsCheckedExactly_AndNeedsFewerBankReads()
    {
        DecodeResult fp16 = Decode("neupims", 64);
        DecodeResult int4 = Decode("neupims", 64, "formats.kv_cache=int4");
        Assert.All(int4.Checks, c => Assert.Equal("exact", c.Outcome.Status));
        long Internal(DecodeResult r) => r.Traffic.Single(t => t.Path.Contains("pim internal", StringComparison.Ordinal)).Bytes.Bits;
        // A quarter of the bits, give or take each PV row's padding to whole 64-element accesses.
        Assert.InRange(4.0 * Internal(int4) / Internal(fp16), 1.0, 1.05);
    }

    [Fact]
    public void SameInputs_GiveByteIdenticalSummaries()
    {
        string Json(DecodeResult r)
        {
            using var stream = new MemoryStream();
            DecodeSummaryJson.Write(stream, r, new RunProvenance("test", [], [], [], 1, "sample", null, null));
            return Encoding.UTF8.GetString(stream.ToArray());
        }

        Assert.Equal(Json(Decode("neupims", 40, "context.distribution=uniform")), Json(Decode("neupims", 40, "context.distribution=uniform")));
    }

    [Theory]
    [InlineData("neupims", "context: channel 0's KV caches need")]
    [InlineData("npu-only", "context: the weights (3 GiB) and the KV caches after the last step (375.7015 GiB) need more than npu-only's memory holds (32 GiB)")]
    public void KvCachesThatDoNotFit_AreReportedAtTheContextLengths(string design, string message)
    {
        var diagnostics = new Diagnostics();
        ArchitectureConfig arch = ArchitectureLoader.Load(Shipped($"arch-configs/{design}.yaml"), [], diagnostics)!;
        Workload workload = WorkloadLoader.Load(Shipped("workloads/llm/gpt3-7b-batched-b256.yaml"), ["batch=512", "context.min=4000", "context.max=8000"], diagnostics)!;
        Assert.Null(DecodeSimulation.Create(arch, workload, new RunOptions(FunctionalMode.Off), diagnostics));
        string error = Assert.Single(diagnostics.Errors).ToString();
        // Line 10 is the context section of the shipped workload.
        Assert.Contains($"gpt3-7b-batched-b256.yaml:10:3: {message}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestTrace_BadRowsAreReportedByLineAndColumn_AllAtOnce()
    {
        string dir = Cli.CliRunner.TempDirectory();
        Cli.CliRunner.Write(dir, "requests.csv", "request,context_lenght,context_length\nr0,1,100\nr1,1,lots\nr2,1,\nr3,1,0\n");
        string workload = Cli.CliRunner.Write(dir, "w.yaml", """
            kind: batched-decode
            model: models/gpt3-7b.yaml
            context: {distribution: csv, file: requests.csv}
            formats: {weights: fp16, activations: fp16, kv_cache: fp16}
            """);
        Directory.CreateDirectory(Path.Combine(dir, "models"));
        File.Copy(Shipped("workloads/llm/models/gpt3-7b.yaml"), Path.Combine(dir, "models", "gpt3-7b.yaml"));
        var diagnostics = new Diagnostics();
        Assert.Null(WorkloadLoader.Load(workload, [], diagnostics));
        string[] errors = [.. diagnostics.Errors.Select(e => e.ToString().Replace(dir + Path.DirectorySeparatorChar, "", StringComparison.Ordinal))];
        Assert.Equal(4, errors.Length);
        Assert.StartsWith("requests.csv:1:9: context_lenght: unknown column; did you mean 'context_length'?", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("requests.csv:3:6: context_length:", errors[1], StringComparison.Ordinal);
        Assert.StartsWith("requests.csv:4:6: context_length: missing value", errors[2], StringComparison.Ordinal);
        Assert.StartsWith("requests.csv:5:6: context_length:", errors[3], StringComparison.Ordinal);
    }
}
