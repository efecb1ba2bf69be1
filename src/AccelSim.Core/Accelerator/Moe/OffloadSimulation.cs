using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Cost;
using AccelSim.Events;
using AccelSim.Memory.HostLink;
using AccelSim.Numerics;
using AccelSim.Units;
using AccelSim.Workloads;
using AccelSim.Workloads.Moe;

namespace AccelSim.Accelerator.Moe;

/// <summary>
/// A MoE model decoding on a device whose memory holds only some experts (HOBBIT's setting). Per pass (the prompt,
/// then each decode step) and layer: attention on the device; the router's choices for the pass's tokens; the
/// policy's precision for each (high, low or skip); each needed expert copy either found in the expert cache or
/// loaded over the host link (and cached, evicting by the policy's rule); the experts computed on the device as each
/// arrives; and, for a prefetching policy, the next layer's predicted experts loaded when the link is free of demand
/// loads (a prefetch the link would not start before the next layer's demand loads arrive gives way and is dropped).
/// Device work is timed by running each distinct block alone on the design's engine (<see cref="BlockRunner"/>); the
/// blocks and the loads then share two event-engine resources, the device and the link, so loading overlaps compute
/// where the dependencies allow. Attention weights, shared experts and dense FFNs stay resident.
/// </summary>
public sealed class OffloadSimulation
{
    private readonly ArchitectureConfig design;
    private readonly Workload workload;
    private readonly MoeDecode moe;
    private readonly OffloadConfig offload;
    private readonly BlockRunner blocks;
    private readonly CostModel costs;

    private OffloadSimulation(ArchitectureConfig design, Workload workload, RunOptions options)
    {
        this.design = design;
        this.workload = workload;
        moe = workload.Moe!;
        offload = design.Offload!;
        blocks = new BlockRunner(design, workload.Source, options);
        costs = DesignCosts.Model(design);
    }

    /// <summary>Decode (token, layer) pairs the layer error is measured on, spread evenly over the run.</summary>
    private const int LayerErrorSamples = 16;

    private ModelShape Model => moe.Model;

    private MoeShape Shape => moe.Moe;

    /// <summary>Builds the run, or reports (into <paramref name="diagnostics"/>) why the design cannot run the workload.</summary>
    public static OffloadSimulation? Create(ArchitectureConfig design, Workload workload, RunOptions options, Diagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (workload.Moe is not MoeDecode moe)
        {
            throw new ArgumentException("Not a moe-decode workload.", nameof(workload));
        }

        if (design.Offload is null)
        {
            diagnostics.Add(moe.Location, "design", $"{design.Name} has no offload: section; a moe-decode workload needs one (the expert memory, "
                + "formats, link and policy; see arch-configs/moe-edge-4090like.yaml)");
            return null;
        }

        var simulation = new OffloadSimulation(design, workload, options);
        simulation.Validate(diagnostics);
        return diagnostics.HasErrors ? null : simulation;
    }

    private void Validate(Diagnostics diagnostics)
    {
        // The device side is checked by the engine that will run it: formats each unit takes, tiles that fit.
        var probe = new List<Operation>(Attention(moe.Batch, moe.Context + 1));
        probe.AddRange(ExpertFfn("high", 1, Shape.ExpertFfnHidden, offload.High));
        if (offload.Low is NumericFormat low)
        {
            probe.AddRange(ExpertFfn("low", 1, Shape.ExpertFfnHidden, low));
        }

        Simulation.Create(design, new Workload(workload.Name, workload.Source, probe, []), new RunOptions(FunctionalMode.Off), diagnostics);
        long high = ExpertBytes(offload.High);
        long all = (long)(Model.Layers - Shape.DenseLayers) * Shape.Experts * high;
        long memory = offload.ExpertMemory.Bytes;
        OffloadPolicy policy = offload.Policy;
        long share = Pools().HighPerCache;
        if (policy.HoldsEverything && all > memory)
        {
            diagnostics.Add(offload.MemoryLocation, "offload.expert_memory", $"all-resident holds every expert ({ByteSize.FromBytes(all)} in {offload.High.Name}), "
                + $"but expert_memory is {offload.ExpertMemory}; give more memory or an offloading policy");
        }
        else if (!policy.HoldsEverything && share < high)
        {
            diagnostics.Add(offload.MemoryLocation, "offload.expert_memory", $"{(policy.PerLayerCache ? "each layer's share" : "the high-precision pool")} of the "
                + $"{offload.ExpertMemory} of expert memory ({ByteSize.FromBytes(share)}) cannot hold one expert ({ByteSize.FromBytes(high)} in {offload.High.Name})");
        }

        if (offload.HostCapacity is ByteSize host && host.Bytes < high)
        {
            diagnostics.Add(offload.HostCapacityLocation, "offload.host_capacity", $"{host} of host memory cannot hold one expert ({ByteSize.FromBytes(high)} in {offload.High.Name})");
        }
    }

    public OffloadResult Run()
    {
        Timeline? timeline = blocks.Options.RecordTimeline ? new Timeline() : null;
        var device = new Resource("device", timeline);
        var link = new Resource(offload.Link.Name, timeline);
        // The prefetch predictor's hits and misses: seeded, so the same inputs give the same run.
        var random = new Random(moe.Routing.Tokens + 17);
        OffloadPolicy policy = offload.Policy;
        (long highPerCache, long lowPool) = Pools();
        ExpertCache[] highCaches = [.. Enumerable.Range(0, policy.PerLayerCache ? Model.Layers : 1).Select(_ => new ExpertCache(highPerCache, policy.Eviction))];
        var lowCache = new ExpertCache(lowPool, policy.Eviction);
        ExpertCache HighCache(int layer) => highCaches[policy.PerLayerCache ? layer : 0];
        ExpertCache CacheOf(ExpertKey key) => key.Precision == ExpertPrecision.Low && lowPool > 0 ? lowCache : HighCache(key.Layer);
        var arrives = new Dictionary<ExpertKey, SimTime>();
        // The storage tier: host memory then holds only some copies, least recently used evicted, filled at the start
        // with high-precision copies layer by layer and then low ones, as far as they go.
        HostLinkConfig? tier = offload.Storage;
        Resource? storage = tier is null ? null : new Resource(tier.Name, timeline);
        ExpertCache? hostCopies = offload.HostCapacity is ByteSize hostCapacity && tier is not null ? new ExpertCache(hostCapacity.Bytes, new LruRule()) : null;
        var unpinned = new HashSet<ExpertKey>();
        foreach (ExpertPrecision precision in hostCopies is null ? [] : offload.Low is null ? [ExpertPrecision.High] : new[] { ExpertPrecision.High, ExpertPrecision.Low })
        {
            long bytes = ExpertBytes(FormatOf(precision));
            for (int l = Shape.DenseLayers; l < Model.Layers; l++)
            {
                for (int e = 0; e < Shape.Experts && hostCopies!.CapacityBytes - hostCopies.UsedBytes >= bytes; e++)
                {
                    hostCopies.Insert(new ExpertKey(l, e, precision), bytes, l, Model.Layers, unpinned);
                }
            }
        }

        if (policy.HoldsEverything)
        {
            for (int l = Shape.DenseLayers; l < Model.Layers; l++)
            {
                for (int e = 0; e < Shape.Experts; e++)
                {
                    HighCache(l).Insert(new ExpertKey(l, e, ExpertPrecision.High), 0, l, Model.Layers, new HashSet<ExpertKey>());
                }
            }
        }

        var energy = new EnergyBreakdown();
        var counts = new ActivityCounts();
        long highRequests = 0, highHits = 0, lowRequests = 0, lowHits = 0, demandBits = 0, prefetchBits = 0, storageBits = 0;
        int loads = 0, prefetches = 0, mismatches = 0, storageReads = 0;
        double gateTotal = 0, gateLow = 0, gateSkipped = 0;
        long runs = 0, lowRuns = 0, skippedRuns = 0;
        var samples = new List<(int Token, int Layer, ExpertPrecision[] Used)>();
        // Prefetches give way to demand loads: queued when predicted, each goes on the link only if the link would
        // start it before the next MoE layer's demand loads arrive; the rest wait for the layer after, and are dropped
        // once their own layer is routed.
        var queued = new List<(ExpertKey Key, SimTime From, IReadOnlySet<ExpertKey> Pinned, string Label)>();
        int dropped = 0;
        var tokenLatencies = new List<SimTime>();

        bool FromStorage(ExpertKey key) => hostCopies is not null && !hostCopies.Contains(key);

        // When a prefetch would start on each resource it needs, were it committed now: storage first if the host lacks it.
        SimTime Starts(ExpertKey key, SimTime from)
        {
            if (!FromStorage(key))
            {
                return SimTime.Max(from, link.FreeAt);
            }

            SimTime read = SimTime.Max(from, storage!.FreeAt) + tier!.TimeFor(ByteSize.FromBytes(ExpertBytes(FormatOf(key.Precision))));
            return SimTime.Max(read, link.FreeAt);
        }

        // Loads a copy over the link no earlier than `now`, behind whatever the link already carries, and caches it;
        // a copy the host does not hold is read up from storage first, into the host.
        SimTime Load(ExpertKey key, SimTime now, IReadOnlySet<ExpertKey> pinned, bool prefetch, string label)
        {
            var size = ByteSize.FromBytes(ExpertBytes(FormatOf(key.Precision)));
            if (FromStorage(key))
            {
                now = storage!.Serve(now, tier!.TimeFor(size), size, $"{label} from storage").End;
                counts.Add(Activity.LinkTransfer(tier.Technology), size.Bits);
                if (offload.HostMemory is string written)
                {
                    counts.Add(Activity.HostWrite(written), size.Bits);
                }

                storageBits += size.Bits;
                storageReads++;
                hostCopies!.Insert(key, size.Bytes, key.Layer, Model.Layers, unpinned);
            }

            hostCopies?.Use(key);
            SimTime end = link.Serve(now, offload.Link.TimeFor(size), size, label).End;
            counts.Add(Activity.LinkTransfer(offload.Link.Technology), size.Bits);
            if (offload.HostMemory is string host)
            {
                counts.Add(Activity.HostRead(host), size.Bits);
            }

            if (design.Memory.Technology is string dram)
            {
                counts.Add(Activity.DramWrite(dram), size.Bits);
            }

            if (prefetch)
            {
                prefetchBits += size.Bits;
                prefetches++;
            }
            else
            {
                demandBits += size.Bits;
                loads++;
            }

            if (CacheOf(key).Insert(key, size.Bytes, key.Layer, Model.Layers, pinned) is not null)
            {
                arrives[key] = end;
            }

            return end;
        }

        SimTime Device(SimTime ready, BlockCost cost, string label)
        {
            energy.Add(cost.Energy);
            mismatches += cost.Mismatches;
            return device.Serve(ready, cost.Time, default, label).End;
        }

        SimTime now = default;
        SimTime prefillEnd = default;
        Energy prefillEnergy = default;
        IReadOnlyList<AreaLine> area = DesignCosts.Area(design, [.. design.Compute.Select(c => c.Build())], costs);
        var leakage = new Power(area.Sum(a => a.Leakage.Watts));
        int passes = (moe.Prompt > 0 ? 1 : 0) + moe.Steps;
        for (int pass = 0; pass < passes; pass++)
        {
            bool prefill = moe.Prompt > 0 && pass == 0;
            int step = prefill ? -1 : pass - (moe.Prompt > 0 ? 1 : 0);
            int[] tokens = prefill
                ? [.. Enumerable.Range(0, moe.Batch * moe.Prompt)]
                : [.. Enumerable.Range(0, moe.Batch).Select(b => moe.DecodeToken(step, b))];
            int context = prefill ? moe.Prompt : moe.Context + step + 1;
            SimTime start = now;
            string tag = prefill ? "prefill" : $"t{step}";
            blocks.Options.Progress?.Invoke(pass, passes);
            for (int layer = 0; layer < Model.Layers; layer++)
            {
                BlockCost attention = blocks.Run($"attention|{tokens.Length}|{context}|{prefill}", () => Attention(tokens.Length, context, prefill ? moe.Prompt : 1));
                SimTime routed = Device(now, attention, $"{tag}.l{layer} attention");
                if (!Shape.IsMoeLayer(layer))
                {
                    now = Device(routed, blocks.Run($"dense|{tokens.Length}", () => ExpertFfn("dense", tokens.Length, Model.FfnHidden, moe.Weights)), $"{tag}.l{layer} ffn");
                    continue;
                }

                var waiting = new List<(ExpertKey Key, SimTime From, IReadOnlySet<ExpertKey> Pinned, string Label)>();
                foreach ((ExpertKey key, SimTime from, IReadOnlySet<ExpertKey> held, string label) in queued)
                {
                    bool cached = HighCache(key.Layer).Contains(key with { Precision = ExpertPrecision.High }) || CacheOf(key).Contains(key);
                    if (!cached && Starts(key, from) < routed)
                    {
                        Load(key, from, held, true, label);
                    }
                    else if (!cached && key.Layer > layer)
                    {
                        waiting.Add((key, from, held, label));
                    }
                    else if (!cached)
                    {
                        dropped++;
                    }
                }

                queued.Clear();
                queued.AddRange(waiting);

                // Each expert copy this layer runs, with its tokens, ordered by the gate weight it carries.
                var work = new Dictionary<ExpertKey, (int Tokens, double Gate)>();
                foreach (int token in tokens)
                {
                    IReadOnlyList<ExpertChoice> choices = moe.Routing.Choices(token, layer);
                    ExpertPrecision[] precisions = policy.Precisions(choices);
                    for (int i = 0; i < choices.Count; i++)
                    {
                        double gate = choices[i].GateWeight;
                        gateTotal += gate;
                        runs++;
                        // A skip replaces a load only: an expert the device already holds runs, in the precision it is held in.
                        if (precisions[i] == ExpertPrecision.Skip)
                        {
                            var high = new ExpertKey(layer, choices[i].Expert, ExpertPrecision.High);
                            var low = high with { Precision = ExpertPrecision.Low };
                            precisions[i] = HighCache(layer).Contains(high) ? ExpertPrecision.High
                                : offload.Low is not null && CacheOf(low).Contains(low) ? ExpertPrecision.Low
                                : ExpertPrecision.Skip;
                        }

                        if (precisions[i] == ExpertPrecision.Skip)
                        {
                            gateSkipped += gate;
                            skippedRuns++;
                            continue;
                        }

                        // A low-precision request served by a cached high-precision copy runs in high precision.
                        var key = new ExpertKey(layer, choices[i].Expert, precisions[i]);
                        var highKey = key with { Precision = ExpertPrecision.High };
                        if (key.Precision == ExpertPrecision.Low && HighCache(layer).Contains(highKey))
                        {
                            key = highKey;
                        }

                        if (key.Precision == ExpertPrecision.Low)
                        {
                            gateLow += gate;
                            lowRuns++;
                        }

                        precisions[i] = key.Precision;
                        (int n, double g) = work.GetValueOrDefault(key);
                        work[key] = (n + 1, g + gate);
                    }

                    if (!prefill)
                    {
                        samples.Add((token, layer, precisions));
                    }
                }

                var pinned = new HashSet<ExpertKey>(work.Keys);
                var ready = new List<(ExpertKey Key, SimTime At, int Tokens)>();
                foreach ((ExpertKey key, (int n, _)) in work.OrderByDescending(w => w.Value.Gate).ThenBy(w => w.Key.Expert))
                {
                    ExpertCache cache = CacheOf(key);
                    bool hit = cache.Contains(key);
                    if (key.Precision == ExpertPrecision.High)
                    {
                        highRequests++;
                        highHits += hit ? 1 : 0;
                    }
                    else
                    {
                        lowRequests++;
                        lowHits += hit ? 1 : 0;
                    }

                    SimTime at = hit ? SimTime.Max(routed, arrives.GetValueOrDefault(key)) : Load(key, routed, pinned, false, $"{tag}.l{layer} load e{key.Expert} {FormatOf(key.Precision).Name}");
                    cache.Use(key);
                    ready.Add((key, at, n));
                }

                for (int ahead = 1; ahead <= policy.PrefetchLayers && layer + ahead < Model.Layers; ahead++)
                {
                    int target = layer + ahead;
                    if (!Shape.IsMoeLayer(target))
                    {
                        continue;
                    }

                    IReadOnlyList<ExpertChoice>[] next = [.. tokens.Select(t => moe.Routing.Choices(t, target))];
                    foreach (ExpertKey key in policy.Prefetch(target, ahead, next, Shape.Experts, random))
                    {
                        queued.Add((key, routed, pinned, $"{tag}.l{target} prefetch e{key.Expert} {FormatOf(key.Precision).Name}"));
                    }
                }

                SimTime end = routed;
                foreach ((ExpertKey key, SimTime at, int n) in ready.OrderBy(r => r.At).ThenBy(r => r.Key.Expert))
                {
                    NumericFormat format = FormatOf(key.Precision);
                    BlockCost expert = blocks.Run($"expert|{format.Name}|{n}", () => ExpertFfn($"expert_{key.Precision.ToString().ToLowerInvariant()}", n, Shape.ExpertFfnHidden, format));
                    end = SimTime.Max(end, Device(at, expert, $"{tag}.l{layer} e{key.Expert} {format.Name}"));
                }

                if (Shape.SharedExperts > 0)
                {
                    BlockCost shared = blocks.Run($"shared|{tokens.Length}", () => ExpertFfn("shared", tokens.Length, Shape.SharedExperts * Shape.SharedFfnHidden, moe.Weights));
                    end = SimTime.Max(end, Device(routed, shared, $"{tag}.l{layer} shared experts"));
                }

                now = end;
            }

            if (prefill)
            {
                // The prompt's share: what the device did, the loads so far and the static energy until now.
                prefillEnd = now;
                var prefillStatic = new EnergyBreakdown();
                DesignCosts.AddStatic(prefillStatic, design, leakage, now);
                prefillEnergy = energy.Total + costs.Energy(counts).Total + prefillStatic.Total;
            }
            else
            {
                tokenLatencies.Add(now - start);
            }
        }

        energy.Add(costs.Energy(counts));
        DesignCosts.AddStatic(energy, design, leakage, now);
        double? highSqnr = Sqnr(offload.High), lowSqnr = offload.Low is NumericFormat lf ? Sqnr(lf) : null;
        var layerError = new MoeLayerError(Model.Activation, moe.Activations, FormatOf, Shape.SharedExperts, moe.Weights, moe.Routing.Tokens);
        int stride = Math.Max(1, samples.Count / LayerErrorSamples);
        for (int i = 0; blocks.Options.Functional != FunctionalMode.Off && i < samples.Count && layerError.Samples < LayerErrorSamples; i += stride)
        {
            (int token, int layer, ExpertPrecision[] used) = samples[i];
            layerError.Add(token, layer, moe.Routing.Choices(token, layer), used);
        }

        var notes = new List<string>
        {
            "device blocks are timed alone on the design's engine and then share the device and the link as event-engine resources; "
                + "attention weights, shared experts and dense FFNs are resident; the router's own time is not modelled (cycle-approximate)",
            $"MoE layer SQNR: {layerError.Samples} decode (token, layer) pairs run on synthetic data ({MoeLayerError.Hidden}×{MoeLayerError.Width} Gaussian "
                + "experts in the real formats), the policy's precisions and skips against every chosen expert in FP64; shared experts, resident in "
                + $"{moe.Weights.Name}, in both",
        };
        return new OffloadResult(
            design.Name, workload.Name, policy.Name, policy.Description, moe.Batch, moe.Prompt, moe.Steps, now, prefillEnd, tokenLatencies,
            highRequests, highHits, lowRequests, lowHits, new ByteSize(demandBits), new ByteSize(prefetchBits), loads, prefetches, dropped,
            new ByteSize(storageBits), storageReads, storage is null || now.Picoseconds == 0 ? null : 100.0 * storage.Stats.Busy.Picoseconds / now.Picoseconds,
            now.Picoseconds == 0 ? 0 : 100.0 * link.Stats.Busy.Picoseconds / now.Picoseconds,
            now.Picoseconds == 0 ? 0 : 100.0 * device.Stats.Busy.Picoseconds / now.Picoseconds,
            gateTotal == 0 ? 0 : gateLow / gateTotal, gateTotal == 0 ? 0 : gateSkipped / gateTotal,
            runs == 0 ? 0 : (double)lowRuns / runs, runs == 0 ? 0 : (double)skippedRuns / runs,
            highSqnr, lowSqnr, layerError.SqnrDb, mismatches, energy, prefillEnergy, area.Aggregate(default(Area), (s, a) => s + a.Area), notes, timeline);
    }

    /// <summary>
    /// The expert memory split into caches: the low-precision pool (the policy's share), and the rest for high-precision
    /// copies, one cache or, for a per-layer policy, an equal share per MoE layer.
    /// </summary>
    private (long HighPerCache, long Low) Pools()
    {
        long memory = offload.ExpertMemory.Bytes;
        long low = (long)(memory * offload.Policy.LowPoolShare);
        return (offload.Policy.PerLayerCache ? (memory - low) / (Model.Layers - Shape.DenseLayers) : memory - low, low);
    }

    /// <summary>The quantization error the functional checks measured for an expert's GEMMs in <paramref name="format"/>.</summary>
    private double? Sqnr(NumericFormat format) =>
        blocks.Run($"expert|{format.Name}|1", () => ExpertFfn("expert", 1, Shape.ExpertFfnHidden, format)).SqnrDb;

    private NumericFormat FormatOf(ExpertPrecision precision) => precision == ExpertPrecision.Low ? offload.Low! : offload.High;

    /// <summary>One expert's weights in <paramref name="format"/>: gate, up and down projections.</summary>
    private long ExpertBytes(NumericFormat format)
    {
        long bits = (2 * format.StorageBits(Shape.ExpertFfnHidden, Model.Hidden)) + format.StorageBits(Model.Hidden, Shape.ExpertFfnHidden);
        return (bits + 7) / 8;
    }

    /// <summary>Norm, Q/K/V, attention over <paramref name="context"/> cached tokens per sequence, O and the residual, for <paramref name="tokens"/> tokens.</summary>
    private List<Operation> Attention(int tokens, int context, int perSequence = 1)
    {
        ModelShape m = Model;
        int sequences = Math.Max(1, tokens / perSequence);
        var ops = new List<Operation>
        {
            Vector("attention_norm", m.Norm, (long)tokens * m.Hidden),
            Gemm("q_proj", tokens, m.Heads * m.HeadDim, m.Hidden, moe.Weights, 1, "attention_norm"),
            Gemm("k_proj", tokens, m.KvHeads * m.HeadDim, m.Hidden, moe.Weights, 1, "attention_norm"),
            Gemm("v_proj", tokens, m.KvHeads * m.HeadDim, m.Hidden, moe.Weights, 1, "attention_norm"),
            Gemm("scores", perSequence * m.QueriesPerKvHead, context, m.HeadDim, moe.KvCache, sequences * m.KvHeads, "q_proj", "k_proj"),
            Vector("softmax", VectorOpKind.Softmax, (long)sequences * m.Heads * perSequence * context, "scores"),
            Gemm("values", perSequence * m.QueriesPerKvHead, m.HeadDim, context, moe.KvCache, sequences * m.KvHeads, "softmax", "v_proj"),
            Gemm("o_proj", tokens, m.Hidden, m.Heads * m.HeadDim, moe.Weights, 1, "values"),
            Vector("attention_residual", VectorOpKind.Add, (long)tokens * m.Hidden, "o_proj"),
            Vector("ffn_norm", m.Norm, (long)tokens * m.Hidden, "attention_residual"),
        };
        return ops;
    }

    /// <summary>A gated FFN (gate, up, activation, multiply, down) of width <paramref name="width"/> for <paramref name="tokens"/> tokens.</summary>
    private List<Operation> ExpertFfn(string prefix, int tokens, int width, NumericFormat weights)
    {
        ModelShape m = Model;
        long elements = (long)tokens * width;
        return
        [
            Gemm($"{prefix}_gate", tokens, width, m.Hidden, weights, 1),
            Gemm($"{prefix}_up", tokens, width, m.Hidden, weights, 1),
            Vector($"{prefix}_activation", m.Activation, elements, $"{prefix}_gate"),
            Vector($"{prefix}_multiply", VectorOpKind.Multiply, elements, $"{prefix}_activation", $"{prefix}_up"),
            Gemm($"{prefix}_down", tokens, m.Hidden, width, weights, 1, $"{prefix}_multiply"),
        ];
    }

    private GemmOp Gemm(string name, int m, int n, int k, NumericFormat weight, int repeat, params string[] deps) =>
        new(name, m, n, k, moe.Activations, weight, repeat, deps, moe.Location);

    private VectorOp Vector(string name, VectorOpKind kind, long elements, params string[] deps) =>
        new(name, kind, elements, moe.Activations, 1, deps, moe.Location);
}
