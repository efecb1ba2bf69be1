using AccelSim.Accelerator;
using AccelSim.Accelerator.Moe;
using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Events;
using AccelSim.Workloads;
using AccelSim.Workloads.Moe;

namespace AccelSim.Tests.Accelerator.Moe;

public class OffloadSimulationTests
{
    private static string Shipped(string relative) => Path.Combine(AppContext.BaseDirectory, relative);

    /// <summary>Mixtral-8x7B on the 4090-like design, decoding a few tokens from a 128-token cache.</summary>
    /// <remarks>Functional checks (and the layer-error measurement) only where a test asserts on them: they cost seconds in a Debug build.</remarks>
    private static (OffloadSimulation? Simulation, Diagnostics Diagnostics, Workload Workload) Create(string policy, int tokens, params string[] sets) =>
        Create(FunctionalMode.Off, policy, tokens, sets);

    private static (OffloadSimulation? Simulation, Diagnostics Diagnostics, Workload Workload) Create(FunctionalMode functional, string policy, int tokens, params string[] sets) =>
        Create(policy, tokens, new RunOptions(functional), sets);

    /// <remarks><c>design=NAME</c> in <paramref name="sets"/> picks the shipped design (the 4090-like one by default).</remarks>
    private static (OffloadSimulation? Simulation, Diagnostics Diagnostics, Workload Workload) Create(
        string policy, int tokens, RunOptions options, params string[] sets)
    {
        var diagnostics = new Diagnostics();
        string name = sets.FirstOrDefault(s => s.StartsWith("design=", StringComparison.Ordinal))?[7..] ?? "moe-edge-4090like";
        string[] designSets = [$"offload.policy={policy}", .. sets.Where(s => s.StartsWith("arch.", StringComparison.Ordinal)).Select(s => s[5..])];
        string[] workloadSets = [.. sets.Where(s => !s.StartsWith("arch.", StringComparison.Ordinal) && !s.StartsWith("design=", StringComparison.Ordinal)), "prompt=0", "context=128", $"tokens={tokens}"];
        ArchitectureConfig design = ArchitectureLoader.Load(Shipped($"arch-configs/{name}.yaml"), designSets, diagnostics)!;
        Workload workload = WorkloadLoader.Load(Shipped("workloads/moe/mixtral-8x7b-decode.yaml"), workloadSets, diagnostics)!;
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Errors));
        return (OffloadSimulation.Create(design, workload, options, diagnostics), diagnostics, workload);
    }

    private static OffloadResult Run(string policy, int tokens, params string[] sets) => Run(FunctionalMode.Off, policy, tokens, sets);

    private static OffloadResult Run(FunctionalMode functional, string policy, int tokens, params string[] sets)
    {
        (OffloadSimulation? simulation, Diagnostics diagnostics, _) = Create(functional, policy, tokens, sets);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Errors));
        return simulation!.Run();
    }

    [Fact]
    public void Hobbit_BeatsOnDemandLru_AndAllResidentBoundsThemBoth()
    {
        OffloadResult lru = Run(FunctionalMode.Sample, "on-demand-lru", 6);
        OffloadResult hobbit = Run(FunctionalMode.Sample, "hobbit", 6);
        OffloadResult resident = Run("all-resident", 6, "arch.offload.expert_memory=100 GiB");
        Assert.True(hobbit.TokensPerSecond > lru.TokensPerSecond, $"hobbit {hobbit.TokensPerSecond} vs lru {lru.TokensPerSecond} tokens/s");
        Assert.True(resident.TokensPerSecond > hobbit.TokensPerSecond);
        Assert.Equal(0, resident.DemandBytes.Bits + resident.PrefetchBytes.Bits);
        Assert.Equal(0, lru.LowGateShare + lru.SkippedGateShare);
        Assert.True(hobbit.LowGateShare > 0.05, $"low share {hobbit.LowGateShare}");
        Assert.True(hobbit.Prefetches > 0);
        Assert.Equal(0, lru.Mismatches + hobbit.Mismatches);
        // What hobbit's speed costs: its low-precision and skipped experts lower the layer output's SQNR.
        Assert.True(hobbit.LayerSqnrDb < lru.LayerSqnrDb - 10, $"hobbit {hobbit.LayerSqnrDb} dB vs lru {lru.LayerSqnrDb} dB");
        Assert.True(hobbit.LowSqnrDb < hobbit.HighSqnrDb);
    }

    [Fact]
    public void WithRoomForEveryExpert_EachIsLoadedOnce_AsTheRoutingSays()
    {
        (OffloadSimulation? simulation, _, Workload workload) = Create("lfu", 8, "arch.offload.expert_memory=100 GiB");
        OffloadResult result = simulation!.Run();
        RoutingTrace routing = workload.Moe!.Routing;
        int distinct = Enumerable.Range(0, 8).SelectMany(t => Enumerable.Range(0, 32).SelectMany(l => routing.Choices(t, l).Select(c => (l, c.Expert)))).Distinct().Count();
        Assert.Equal(distinct, result.Loads);
        Assert.Equal(8 * 32 * 2 - distinct, result.HighHits);
        // One FP16 expert is 3 · 4096 · 14336 parameters of 2 bytes; the link moves payload at 0.90 of its 32 GB/s
        // and each copy starts 6 µs after it is issued.
        long bytes = 3L * 4096 * 14336 * 2;
        Assert.Equal(distinct * bytes, result.DemandBytes.Bytes);
        double linkSeconds = result.LinkUtilizationPct / 100 * result.Latency.Seconds;
        Assert.Equal(distinct * ((bytes / (32e9 * 0.90)) + 6e-6), linkSeconds, 1e-6);
    }

    [Fact]
    public void HobbitSkips_OnlyExpertsTheDeviceDoesNotHold()
    {
        // Same routing and thresholds: with room for every expert, more of the skip decisions find the expert held
        // and run it; a skip replaces a load, never a run of a resident copy.
        OffloadResult tight = Run("hobbit", 8, "arch.offload.hobbit.prefetch=false");
        OffloadResult roomy = Run("hobbit", 8, "arch.offload.hobbit.prefetch=false", "arch.offload.expert_memory=100 GiB");
        Assert.True(tight.SkippedCountShare > 0, $"{tight.SkippedCountShare}");
        Assert.True(roomy.SkippedCountShare < tight.SkippedCountShare, $"roomy {roomy.SkippedCountShare} vs tight {tight.SkippedCountShare}");
    }

    [Fact]
    public void EnergyPerToken_IsTheDecodes_WithThePromptsShareApart()
    {
        var diagnostics = new Diagnostics();
        ArchitectureConfig design = ArchitectureLoader.Load(Shipped("arch-configs/moe-edge-4090like.yaml"), [], diagnostics)!;
        Workload workload = WorkloadLoader.Load(Shipped("workloads/moe/mixtral-8x7b-decode.yaml"), ["prompt=32", "tokens=3"], diagnostics)!;
        OffloadResult withPrompt = OffloadSimulation.Create(design, workload, new RunOptions(FunctionalMode.Off), diagnostics)!.Run();
        Assert.True(withPrompt.PrefillEnergy.Picojoules > 0);
        Assert.Equal(withPrompt.Energy.Total.Picojoules, withPrompt.PrefillEnergy.Picojoules + (withPrompt.EnergyPerToken.Picojoules * withPrompt.Tokens),
            withPrompt.Energy.Total.Picojoules * 1e-9);
        OffloadResult decodeOnly = Run("hobbit", 3);
        Assert.Equal(0, decodeOnly.PrefillEnergy.Picojoules);
        Assert.Equal(decodeOnly.Energy.Total.Picojoules / 3, decodeOnly.EnergyPerToken.Picojoules, decodeOnly.Energy.Total.Picojoules * 1e-9);
    }

    [Fact]
    public void HobbitWithoutPrefetching_LoadsOnlyOnDemand_AndDynamicLoadingOffRunsAllInHighPrecision()
    {
        OffloadResult noPrefetch = Run("hobbit", 3, "arch.offload.hobbit.prefetch=false");
        Assert.Equal(0, noPrefetch.Prefetches);
        Assert.Equal(0, noPrefetch.PrefetchBytes.Bits);
        Assert.True(noPrefetch.LowRequests > 0);
        OffloadResult allHigh = Run("hobbit", 3, "arch.offload.hobbit.high_threshold=1", "arch.offload.hobbit.low_threshold=1");
        Assert.Equal(0, allHigh.LowRequests + allHigh.Prefetches);
        Assert.Equal(0, allHigh.LowGateShare + allHigh.SkippedGateShare);
    }

    [Fact]
    public void SameInputs_SameResult()
    {
        OffloadResult a = Run("hobbit", 4), b = Run("hobbit", 4);
        Assert.Equal(a.TokenLatencies, b.TokenLatencies);
        Assert.Equal(a.Energy.Total, b.Energy.Total);
        Assert.Equal((a.Loads, a.Prefetches, a.HighHits, a.LowHits), (b.Loads, b.Prefetches, b.HighHits, b.LowHits));
    }

    [Theory]
    [InlineData("all-resident", "arch.offload.expert_memory=18 GiB", "all-resident holds every expert (84 GiB in fp16), but expert_memory is 18 GiB")]
    [InlineData("on-demand-lru", "arch.offload.expert_memory=8 GiB", "each layer's share of the 8 GiB of expert memory (256 MiB) cannot hold one expert (336 MiB in fp16)")]
    public void TooLittleExpertMemory_IsReportedWhereTheMemoryIsGiven(string policy, string set, string message)
    {
        (OffloadSimulation? simulation, Diagnostics diagnostics, _) = Create(policy, 2, set);
        Assert.Null(simulation);
        string error = Assert.Single(diagnostics.Errors).ToString();
        // The memory was given by --set, so that is where the error points.
        Assert.StartsWith($"--set {set[5..]}: offload.expert_memory: {message}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LargerBatch_SharesTheLoads_AndDecodesMoreTokensPerSecond()
    {
        OffloadResult one = Run("on-demand-lru", 3);
        OffloadResult two = Run("on-demand-lru", 3, "batch=2");
        Assert.Equal(6, two.Tokens);
        Assert.True(two.TokensPerSecond > one.TokensPerSecond, $"batch 2: {two.TokensPerSecond} vs batch 1: {one.TokensPerSecond} tokens/s");
    }

    [Fact]
    public void ShippedCsvTrace_RunsAsRecorded()
    {
        var diagnostics = new Diagnostics();
        ArchitectureConfig design = ArchitectureLoader.Load(Shipped("arch-configs/moe-edge-4090like.yaml"), [], diagnostics)!;
        Workload workload = WorkloadLoader.Load(Shipped("workloads/moe/mixtral-8x7b-decode-trace.yaml"), [], diagnostics)!;
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Errors));
        OffloadResult result = OffloadSimulation.Create(design, workload, new RunOptions(FunctionalMode.Off), diagnostics)!.Run();
        Assert.Equal(6, result.TokenLatencies.Count);
        // Every routed expert is run in some precision or skipped: 6 tokens × 32 layers × top-2.
        Assert.True(result.HighRequests + result.LowRequests <= 6 * 32 * 2);
        Assert.True(result.Loads > 0);
        Assert.Null(result.LayerSqnrDb); // functional checks off: no SQNR was measured, so none is claimed
    }

    [Theory]
    [InlineData("moe-edge-4090like", "phi-3.5-moe")]
    [InlineData("moe-edge-4090like", "deepseek-moe-16b")]
    [InlineData("moe-edge-4090like", "qwen1.5-moe-a2.7b")]
    [InlineData("moe-edge-orinlike", "mixtral-8x7b")]
    [InlineData("moe-edge-orinlike", "phi-3.5-moe")]
    [InlineData("moe-edge-orinlike", "deepseek-moe-16b")]
    [InlineData("moe-edge-orinlike", "qwen1.5-moe-a2.7b")]
    public void EveryShippedMoeModel_RunsEveryPolicy_OnBothDesigns(string design, string model)
    {
        foreach (string policy in new[] { "on-demand-lru", "lfu", "hobbit" })
        {
            OffloadResult result = Run(policy, 2, $"model=models/{model}.yaml", $"design={design}");
            Assert.Equal(2, result.TokenLatencies.Count);
            Assert.True(result.TokensPerSecond > 0);
        }
    }

    [Fact]
    public void Timeline_ComputesEachExpertAfterItsCopyArrives_AndOverlapsLoadsWithCompute()
    {
        (OffloadSimulation? simulation, _, _) = Create("hobbit", 3, new RunOptions(FunctionalMode.Off, RecordTimeline: true), "batch=2");
        OffloadResult result = simulation!.Run();
        IReadOnlyList<TimelineSpan> spans = result.Timeline!.Spans;
        TimelineSpan[] device = [.. spans.Where(s => s.Track == "device")];
        TimelineSpan[] link = [.. spans.Where(s => s.Track != "device")];
        Assert.NotEmpty(link);
        foreach (TimelineSpan[] track in new[] { device, link })
        {
            TimelineSpan[] ordered = [.. track.OrderBy(s => s.Start.Picoseconds)];
            for (int i = 1; i < ordered.Length; i++)
            {
                Assert.True(ordered[i].Start >= ordered[i - 1].End, $"{ordered[i - 1].Name} and {ordered[i].Name} overlap on one resource");
            }
        }

        // "t0.l5 load e3 fp16" and "t0.l5 prefetch e3 int4-g128" bring the copy "t0.l5 e3 fp16" computes with.
        var arrivals = link.Select(s => (Key: s.Name.Replace(" load ", " ", StringComparison.Ordinal).Replace(" prefetch ", " ", StringComparison.Ordinal), s.End))
            .GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.Max(a => a.End));
        int waited = 0;
        foreach (TimelineSpan compute in device.Where(s => arrivals.ContainsKey(s.Name)))
        {
            Assert.True(compute.Start >= arrivals[compute.Name], $"{compute.Name} starts before its copy arrives");
            waited++;
        }

        Assert.True(waited > 10, $"{waited} expert runs matched a load");
        Assert.Contains(link, l => device.Any(d => d.Start < l.End && l.Start < d.End));

        // Prefetches give way to demand loads: each starts before its layer is routed (its attention ends), never after.
        var routed = device.Where(d => d.Name.EndsWith(" attention", StringComparison.Ordinal)).ToDictionary(d => d.Name[..^" attention".Length], d => d.End);
        TimelineSpan[] prefetches = [.. link.Where(l => l.Name.Contains(" prefetch ", StringComparison.Ordinal))];
        Assert.NotEmpty(prefetches);
        Assert.All(prefetches, p => Assert.True(p.Start < routed[p.Name[..p.Name.IndexOf(" prefetch ", StringComparison.Ordinal)]], $"{p.Name} starts after its layer was routed"));
        Assert.True(result.PrefetchesDropped > 0, "no prefetch gave way; the check above proved nothing");
    }

    [Fact]
    public void LookingThreeLayersAhead_PrefetchesBeforeTheLayerBeforeIsRouted_ButNeverAfterItsOwn()
    {
        (OffloadSimulation? simulation, _, _) = Create("hobbit", 3, new RunOptions(FunctionalMode.Off, RecordTimeline: true), "arch.offload.hobbit.prefetch_accuracy=[0.96, 0.9, 0.9]");
        OffloadResult result = simulation!.Run();
        IReadOnlyList<TimelineSpan> spans = result.Timeline!.Spans;
        var routed = spans.Where(d => d.Track == "device" && d.Name.EndsWith(" attention", StringComparison.Ordinal))
            .ToDictionary(d => d.Name[..^" attention".Length], d => d.End);
        // "t1.l5 prefetch e3 int4-g128" is for layer 5 of token 1.
        var prefetches = spans.Where(s => s.Track != "device" && s.Name.Contains(" prefetch ", StringComparison.Ordinal))
            .Select(s => (Span: s, Token: s.Name[..s.Name.IndexOf('.', StringComparison.Ordinal)],
                Layer: int.Parse(s.Name[(s.Name.IndexOf(".l", StringComparison.Ordinal) + 2)..s.Name.IndexOf(' ', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        Assert.NotEmpty(prefetches);
        Assert.All(prefetches, p => Assert.True(p.Span.Start < routed[$"{p.Token}.l{p.Layer}"], $"{p.Span.Name} starts after its layer was routed"));
        // A next-layer prediction is made when the layer before is routed, so one that starts earlier looked further.
        Assert.Contains(prefetches, p => p.Layer > 0 && p.Span.Start < routed[$"{p.Token}.l{p.Layer - 1}"]);
        Assert.True(result.Prefetches > Run("hobbit", 3).Prefetches);
    }

    private const string Nvme = "arch.offload.storage.preset=presets/nvme-gen4.yaml";

    [Fact]
    public void StorageTier_WithRoomForEveryExpertInTheHost_ChangesNothing()
    {
        OffloadResult plain = Run("hobbit", 3);
        OffloadResult roomy = Run("hobbit", 3, "arch.offload.host_capacity=200 GiB", Nvme);
        Assert.Equal((plain.Latency, plain.Loads, plain.Prefetches, plain.DemandBytes), (roomy.Latency, roomy.Loads, roomy.Prefetches, roomy.DemandBytes));
        Assert.Equal((0, 0.0), (roomy.StorageReads, roomy.StorageUtilizationPct));
        Assert.Null(plain.StorageUtilizationPct);
    }

    [Fact]
    public void StorageTier_ReadsWhatTheHostDoesNotHold_AsTheRoutingSays_BeforeTheLinkMovesIt()
    {
        // The host starts with the first experts in (layer, expert) order, as many FP16 copies as fit: 64 GiB holds 195
        // of 336 MiB. One token on on-demand-lru loads every expert it routes to (the device cache starts empty), and
        // reads from storage exactly those past the 195th; a copy read in evicts an unused one of an earlier layer.
        const long expertBytes = 3L * 4096 * 14336 * 2;
        long held = (64L << 30) / expertBytes;
        (OffloadSimulation? simulation, _, Workload workload) = Create("on-demand-lru", 1, new RunOptions(FunctionalMode.Off, RecordTimeline: true),
            "arch.offload.host_capacity=64 GiB", Nvme);
        OffloadResult result = simulation!.Run();
        RoutingTrace routing = workload.Moe!.Routing;
        int fromStorage = Enumerable.Range(0, 32).SelectMany(l => routing.Choices(0, l).Select(c => (l * 8) + c.Expert)).Distinct().Count(i => i >= held);
        Assert.True(fromStorage > 0);
        Assert.Equal(fromStorage, result.StorageReads);
        Assert.Equal(fromStorage * expertBytes, result.StorageBytes.Bytes);
        Assert.True(result.TokensPerSecond < Run("on-demand-lru", 1).TokensPerSecond);

        // Each copy read from storage goes over the link after it is in host memory; the drive serves one read at a time.
        TimelineSpan[] spans = [.. result.Timeline!.Spans];
        TimelineSpan[] reads = [.. spans.Where(s => s.Name.EndsWith(" from storage", StringComparison.Ordinal))];
        Assert.Equal(fromStorage, reads.Length);
        foreach (TimelineSpan read in reads)
        {
            TimelineSpan move = Assert.Single(spans, s => s.Name == read.Name[..^" from storage".Length]);
            Assert.True(move.Start >= read.End, $"{move.Name} leaves host memory before it arrives there");
        }

        TimelineSpan[] ordered = [.. reads.OrderBy(r => r.Start.Picoseconds)];
        Assert.All(ordered.Zip(ordered.Skip(1)), p => Assert.True(p.Second.Start >= p.First.End));
    }

    [Fact]
    public void StorageTier_PrefetchesStillGiveWay_OnTheDriveAndOnTheLink()
    {
        (OffloadSimulation? simulation, _, _) = Create("hobbit", 3, new RunOptions(FunctionalMode.Off, RecordTimeline: true), "batch=2", "arch.offload.host_capacity=64 GiB", Nvme);
        OffloadResult result = simulation!.Run();
        IReadOnlyList<TimelineSpan> spans = result.Timeline!.Spans;
        var routed = spans.Where(d => d.Track == "device" && d.Name.EndsWith(" attention", StringComparison.Ordinal)).ToDictionary(d => d.Name[..^" attention".Length], d => d.End);
        TimelineSpan[] prefetches = [.. spans.Where(s => s.Track != "device" && s.Name.Contains(" prefetch ", StringComparison.Ordinal))];
        Assert.Contains(prefetches, p => p.Name.EndsWith(" from storage", StringComparison.Ordinal));
        Assert.All(prefetches, p => Assert.True(p.Start < routed[p.Name[..p.Name.IndexOf(" prefetch ", StringComparison.Ordinal)]], $"{p.Name} starts after its layer was routed"));
        Assert.True(result.StorageReads > 0 && result.StorageUtilizationPct > 0);
    }
}
