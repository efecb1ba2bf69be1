using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Cost;
using AccelSim.Events;
using AccelSim.Hardware;
using AccelSim.Memory.Pim;
using AccelSim.Numerics;
using AccelSim.Units;
using AccelSim.Workloads;

namespace AccelSim.Accelerator.Pim;

/// <summary>
/// Batched decoding on an NPU with PIM memory. Each step runs, per layer and sub-batch, a pre-attention block on the
/// NPU (norm, Q/K/V projections), attention (QKᵀ GEMVs in each request's channel, softmax on the vector unit, PV
/// GEMVs; or all of it on the NPU), and a post-attention block on the NPU (output projection, FFN, norms, residuals).
/// NPU blocks are timed by running them on the design's own engine (tiles, buffers, memory) with the memory to
/// themselves; PIM GEMVs by the banks' closed form. The blocks then share the NPU, the vector unit and the channels
/// as resources of the event engine, which is where sub-batch interleaving overlaps or does not.
/// </summary>
public sealed class DecodeSimulation
{
    private readonly ArchitectureConfig design;
    private readonly Workload workload;
    private readonly BatchedDecode decode;
    private readonly RunOptions options;
    private readonly CostModel costs;
    private readonly PimChannel? pim;
    private readonly int channelCount;
    private readonly BlockRunner blocks;
    private readonly Dictionary<int, (PimGemvCost Scores, PimGemvCost Values)> gemvs = [];

    private DecodeSimulation(ArchitectureConfig design, Workload workload, RunOptions options)
    {
        this.design = design;
        this.workload = workload;
        decode = workload.Decode!;
        this.options = options;
        blocks = new BlockRunner(design, workload.Source, options);
        costs = DesignCosts.Model(design);
        pim = design.Scheduler == DecodeScheduler.NpuOnly ? null : design.Memory.PimChannel;
        channelCount = pim is null ? 0 : design.Memory.PimChannels;
    }

    private bool Interleaved => design.Scheduler == DecodeScheduler.NeuPims;

    /// <summary>Builds the run, or reports (into <paramref name="diagnostics"/>) why the design cannot decode the workload.</summary>
    public static DecodeSimulation? Create(ArchitectureConfig design, Workload workload, RunOptions options, Diagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (workload.Decode is null)
        {
            throw new ArgumentException("Not a batched-decode workload.", nameof(workload));
        }

        var simulation = new DecodeSimulation(design, workload, options);
        simulation.Validate(diagnostics);
        return diagnostics.HasErrors ? null : simulation;
    }

    private void Validate(Diagnostics diagnostics)
    {
        BatchedDecode d = decode;
        int keys = d.Contexts.Max() + d.Steps;
        var probe = new List<Operation>(PreBlock(1));
        probe.AddRange(PostBlock(1));
        if (pim is null)
        {
            probe.AddRange(NpuAttention([keys]));
        }

        // The NPU side is checked by the engine that will run it: formats each unit takes, tiles that fit.
        Simulation.Create(design, new Workload(workload.Name, workload.Source, probe, []), options, diagnostics);
        long weightBytes = (WeightBits() + 7) / 8;
        if (pim is null)
        {
            long caches = d.Contexts.Sum(c => KvBytes(c + d.Steps));
            if (design.Memory.Holds is { } holds && weightBytes + caches > holds.Bytes)
            {
                diagnostics.Add(d.ContextLocation, "context", $"the weights ({ByteSize.FromBytes(weightBytes)}) and the KV caches after the last step "
                    + $"({ByteSize.FromBytes(caches)}) need more than {design.Name}'s memory holds ({holds}); use fewer or shorter requests, more tensor "
                    + "parallelism or a lower-bit KV cache");
            }

            return;
        }

        if (pim.Spec.CannotRun(d.Activations, d.KvCache) is string why)
        {
            diagnostics.Add(d.Location, "formats", $"{design.Name}'s PIM cannot run attention over this KV cache: {why}");
        }

        if (Interleaved && d.Batch < 2)
        {
            diagnostics.Add(d.Location, "batch", "neupims splits the batch into two sub-batches; it needs at least 2 requests");
        }

        // Each request's KV cache lives whole in one channel, next to that channel's share of the weights.
        long channelBytes = pim.ChannelCapacity.Bytes;
        long free = channelBytes - (weightBytes / channelCount);
        int[][] placement = Place();
        for (int c = 0; c < channelCount; c++)
        {
            long kv = placement[c].Sum(r => KvBytes(d.Contexts[r] + d.Steps));
            if (kv > free)
            {
                diagnostics.Add(d.ContextLocation, "context", $"channel {c}'s KV caches need {ByteSize.FromBytes(kv)}, but a channel holds {ByteSize.FromBytes(channelBytes)} "
                    + $"of which the weights take {ByteSize.FromBytes(weightBytes / channelCount)}; use fewer or shorter requests, more tensor parallelism or a lower-bit KV cache");
                break;
            }
        }
    }

    public DecodeResult Run()
    {
        BatchedDecode d = decode;
        var simulator = new Simulator();
        Timeline? timeline = options.RecordTimeline ? new Timeline() : null;
        var npu = new Resource("npu", timeline);
        var vector = new Resource("vector", timeline);
        Resource[] channels = [.. Enumerable.Range(0, channelCount).Select(c => new Resource($"pim.ch{c}", timeline))];
        var pimBusy = new long[channelCount];
        int[][] placement = pim is null ? [] : Place();
        int[][] groups = SubBatches(placement);
        // Each sub-batch's requests by the channel that holds their caches.
        int[][][] byChannel = [.. groups.Select(g => placement.Select(c => c.Where(r => Array.BinarySearch(g, r) >= 0).ToArray()).ToArray())];
        var energy = new EnergyBreakdown();
        long npuMacs = 0, pimMacs = 0;
        ByteSize npuRead = default, npuWritten = default, kvByNpu = default, pimInternal = default, pimBus = default;
        int npuMismatches = 0;
        var stepEnds = new SimTime[d.Steps];

        void Account(BlockCost cost, bool attention)
        {
            energy.Add(cost.Energy);
            npuMacs += cost.Macs;
            if (attention)
            {
                kvByNpu += cost.DramRead;
            }
            else
            {
                npuRead += cost.DramRead;
            }

            npuWritten += cost.DramWritten;
        }

        // An NPU block streams weights from every channel: with one row buffer per bank it waits for the channels'
        // PIM work to drain and holds them while it runs.
        SimTime NpuBlock(SimTime ready, BlockCost cost, string label)
        {
            SimTime start = SimTime.Max(ready, npu.FreeAt);
            bool blocked = pim is not null && pim.Spec.Mode == PimMode.Blocked;
            if (blocked)
            {
                foreach (Resource channel in channels)
                {
                    start = SimTime.Max(start, channel.FreeAt);
                }

                foreach (Resource channel in channels)
                {
                    channel.Serve(start, cost.Time);
                }
            }

            return npu.Serve(start, cost.Time, default, label).End;
        }

        SimTime PimPhase(SimTime ready, int g, int step, bool scores, string label)
        {
            SimTime end = ready;
            for (int c = 0; c < channelCount; c++)
            {
                long ps = 0;
                foreach (int r in byChannel[g][c])
                {
                    (PimGemvCost s, PimGemvCost v) = Gemvs(d.Contexts[r] + step + 1);
                    PimGemvCost cost = scores ? s : v;
                    ps += cost.Time.Picoseconds * d.KvHeads;
                    pimMacs += cost.Macs * d.KvHeads;
                    pimInternal += new ByteSize(cost.InternalBits * d.KvHeads);
                    pimBus += new ByteSize((cost.InputBits + cost.ResultBits) * d.KvHeads);
                    energy.Add(costs.Energy(PimActivities(cost, d.KvHeads)));
                }

                if (ps > 0)
                {
                    pimBusy[c] += ps;
                    end = SimTime.Max(end, channels[c].Serve(ready, new SimTime(ps), default, label).End);
                }
            }

            return end;
        }

        void Layer(int g, int step, int layer, SimTime ready)
        {
            int[] group = groups[g];
            string tag = $"s{step}.l{layer}.b{g}";
            BlockCost pre = Block("pre", group.Length, () => PreBlock(group.Length));
            Account(pre, false);
            SimTime preEnd = NpuBlock(ready, pre, $"{tag} qkv");
            simulator.Schedule(preEnd, () =>
            {
                if (pim is null)
                {
                    int[] keys = [.. group.Select(r => d.Contexts[r] + step + 1)];
                    BlockCost attention = Block($"attn{string.Join(',', keys.Order())}", 0, () => NpuAttention(keys));
                    Account(attention, true);
                    SimTime end = NpuBlock(simulator.Now, attention, $"{tag} attention");
                    simulator.Schedule(end, () => Post(g, step, layer, end));
                    return;
                }

                SimTime scoresEnd = PimPhase(simulator.Now, g, step, true, $"{tag} qk");
                simulator.Schedule(scoresEnd, () =>
                {
                    long elements = group.Sum(r => (long)d.Heads * (d.Contexts[r] + step + 1));
                    (SimTime time, EnergyBreakdown softmaxEnergy) = Softmax(elements);
                    energy.Add(softmaxEnergy);
                    SimTime softmaxEnd = vector.Serve(simulator.Now, time, default, $"{tag} softmax").End;
                    simulator.Schedule(softmaxEnd, () =>
                    {
                        SimTime valuesEnd = PimPhase(simulator.Now, g, step, false, $"{tag} pv");
                        simulator.Schedule(valuesEnd, () => Post(g, step, layer, valuesEnd));
                    });
                });
            });
        }

        long layersDone = 0;
        void Post(int g, int step, int layer, SimTime ready)
        {
            int size = groups[g].Length;
            BlockCost post = Block("post", size, () => PostBlock(size));
            Account(post, false);
            SimTime end = NpuBlock(ready, post, $"s{step}.l{layer}.b{g} o+ffn");
            options.Progress?.Invoke(++layersDone, (long)groups.Length * d.Steps * d.Layers);
            simulator.Schedule(end, () =>
            {
                if (layer + 1 < d.Layers)
                {
                    Layer(g, step, layer + 1, end);
                    return;
                }

                stepEnds[step] = SimTime.Max(stepEnds[step], end);
                if (step + 1 < d.Steps)
                {
                    Layer(g, step + 1, 0, end);
                }
            });
        }

        for (int g = 0; g < groups.Length; g++)
        {
            int first = g;
            simulator.Schedule(SimTime.Zero, () => Layer(first, 0, 0, SimTime.Zero));
        }

        SimTime makespan = simulator.Run();

        // Appending each step's new K and V to the caches is a write per request, layer and KV head; its time is
        // small beside the step's and is not modelled, its energy is.
        long kvWriteBits = (long)d.Batch * d.Steps * d.Layers * d.KvHeads * d.KvCache.StorageBits(2, d.Model.HeadDim);
        if (design.Memory.Technology is string technology)
        {
            var writes = new ActivityCounts();
            writes.Add(Activity.DramWrite(technology), kvWriteBits);
            energy.Add(costs.Energy(writes));
        }

        List<IPeModel> units = [.. design.Compute.Select(c => c.Build())];
        IReadOnlyList<AreaLine> area = DesignCosts.Area(design, units, costs);
        var leakage = new Power(area.Sum(a => a.Leakage.Watts));
        DesignCosts.AddStatic(energy, design, leakage, makespan);
        foreach (BlockCost cost in blocks.Distinct)
        {
            npuMismatches += cost.Mismatches;
        }

        IReadOnlyList<(string, FunctionalOutcome)> checks = pim is null ? [] : PimCheck.Run(pim, d, options);

        double peakNpu = design.Compute.Zip(units).Sum(p => (double)p.Second.PeakMacsPerCycle * p.First.Count * p.Second.Clock.Hertz);
        double seconds = makespan.Seconds;
        double pimPeak = pim is null ? 0 : pim.PeakMacsPerSecond(d.KvCache) * channelCount;
        IReadOnlyList<double> channelBusy = [.. pimBusy.Select(b => seconds == 0 ? 0 : 100.0 * b / makespan.Picoseconds)];
        var stepLatencies = new List<SimTime>();
        for (int s = 0; s < d.Steps; s++)
        {
            stepLatencies.Add(stepEnds[s] - (s == 0 ? SimTime.Zero : stepEnds[s - 1]));
        }

        var notes = new List<string>(design.Notes);
        notes.Add("NPU blocks are timed alone on the design's engine (tiles, buffers, memory) and then share the NPU, vector unit and PIM channels as resources; "
            + "PIM GEMVs are timed in closed form after NewtonSim's command latencies (cycle-approximate)");
        if (pim is not null && pim.Spec.Mode == PimMode.DualRowBuffer)
        {
            notes.Add("dual row buffers: NPU traffic and PIM commands share a channel without waiting; command-bus contention between them is not modelled. "
                + "The second row buffer costs 3.11 % of the DRAM dies' area (NeuPIMs, CACTI 7 at 22 nm), which the area total (logic only) leaves out");
        }

        notes.Add("appending each step's K and V to the caches is priced but not timed; all-reduces between tensor-parallel devices are not modelled");
        var traffic = new List<(string, ByteSize)>
        {
            ("npu weights and activations (hbm read)", npuRead),
            ("npu writes (hbm write)", npuWritten),
            ("kv cache read by the npu (hbm read)", kvByNpu),
            ("kv cache read in the banks (pim internal)", pimInternal),
            ("pim inputs and results (channel bus)", pimBus),
            ("kv cache appended (hbm write)", new ByteSize(kvWriteBits)),
        };

        return new DecodeResult(
            design.Name, workload.Name, DecodeSchedulers.Name(design.Scheduler), d.Batch, groups.Length, d.Steps, d.Layers, makespan, stepLatencies,
            seconds == 0 ? 0 : 100.0 * npu.Stats.Busy.Picoseconds / makespan.Picoseconds,
            seconds == 0 || peakNpu == 0 ? 0 : 100.0 * npuMacs / (peakNpu * seconds),
            channelBusy.Count == 0 ? 0 : channelBusy.Average(),
            pimPeak == 0 || seconds == 0 ? 0 : 100.0 * pimMacs / (pimPeak * seconds),
            channelBusy, traffic, npuMacs, pimMacs, energy, area, checks, npuMismatches, notes, timeline);
    }

    private ActivityCounts PimActivities(PimGemvCost cost, int times)
    {
        var counts = new ActivityCounts();
        if (design.Memory.Technology is string technology)
        {
            counts.Add(Activity.PimAccess(technology), cost.InternalBits * times);
            counts.Add(Activity.DramActivate(technology), cost.Activations * times);
            counts.Add(Activity.DramWrite(technology), cost.InputBits * times);
            counts.Add(Activity.DramRead(technology), cost.ResultBits * times);
        }

        return counts;
    }

    private (SimTime Time, EnergyBreakdown Energy) Softmax(long elements)
    {
        VectorUnitConfig vector = design.Vector;
        long laneCycles = elements * vector.CyclesPerElement[VectorOpKind.Softmax];
        var activities = new ActivityCounts();
        activities.Add(DesignCosts.VectorLaneCycle, laneCycles);
        return (vector.Clock.TimeOf(vector.Cycles(laneCycles, design.Compute[0].Count)), costs.Energy(activities));
    }

    private (PimGemvCost Scores, PimGemvCost Values) Gemvs(int keys)
    {
        if (!gemvs.TryGetValue(keys, out var pair))
        {
            BatchedDecode d = decode;
            int queries = d.Model.QueriesPerKvHead;
            pair = (pim!.Evaluate(new PimGemv(queries, keys, d.Model.HeadDim, d.Activations, d.KvCache)),
                pim.Evaluate(new PimGemv(queries, d.Model.HeadDim, keys, d.Activations, d.KvCache)));
            gemvs[keys] = pair;
        }

        return pair;
    }

    /// <summary>Runs a block of operations alone on the design's engine, once per distinct block.</summary>
    private BlockCost Block(string kind, int size, Func<IReadOnlyList<Operation>> ops) => blocks.Run($"{kind}|{size}", ops);

    private List<Operation> PreBlock(int tokens)
    {
        BatchedDecode d = decode;
        ModelShape m = d.Model;
        var ops = new List<Operation>
        {
            Vector("attention_norm", m.Norm, (long)tokens * m.Hidden),
            Gemm("q_proj", tokens, d.Heads * m.HeadDim, m.Hidden, d.Weights, 1, "attention_norm"),
            Gemm("k_proj", tokens, d.KvHeads * m.HeadDim, m.Hidden, d.Weights, 1, "attention_norm"),
            Gemm("v_proj", tokens, d.KvHeads * m.HeadDim, m.Hidden, d.Weights, 1, "attention_norm"),
        };
        if (m.Rotary)
        {
            ops.Add(Vector("rope", VectorOpKind.Rope, (long)tokens * (d.Heads + d.KvHeads) * m.HeadDim, "q_proj", "k_proj"));
        }

        return ops;
    }

    private List<Operation> PostBlock(int tokens)
    {
        BatchedDecode d = decode;
        ModelShape m = d.Model;
        long ffn = (long)tokens * d.FfnHidden;
        var ops = new List<Operation>
        {
            Gemm("o_proj", tokens, m.Hidden, d.Heads * m.HeadDim, d.Weights, 1),
            Vector("attention_residual", VectorOpKind.Add, (long)tokens * m.Hidden, "o_proj"),
            Vector("ffn_norm", m.Norm, (long)tokens * m.Hidden, "attention_residual"),
            Gemm("ffn_up", tokens, d.FfnHidden, m.Hidden, d.Weights, 1, "ffn_norm"),
        };
        if (m.GatedFfn)
        {
            ops.Add(Gemm("ffn_gate", tokens, d.FfnHidden, m.Hidden, d.Weights, 1, "ffn_norm"));
            ops.Add(Vector("ffn_activation", m.Activation, ffn, "ffn_gate"));
            ops.Add(Vector("ffn_gate_multiply", VectorOpKind.Multiply, ffn, "ffn_activation", "ffn_up"));
            ops.Add(Gemm("ffn_down", tokens, m.Hidden, d.FfnHidden, d.Weights, 1, "ffn_gate_multiply"));
        }
        else
        {
            ops.Add(Vector("ffn_activation", m.Activation, ffn, "ffn_up"));
            ops.Add(Gemm("ffn_down", tokens, m.Hidden, d.FfnHidden, d.Weights, 1, "ffn_activation"));
        }

        ops.Add(Vector("ffn_residual", VectorOpKind.Add, (long)tokens * m.Hidden, "ffn_down"));
        return ops;
    }

    /// <summary>Attention on the NPU: per distinct context, QKᵀ, softmax and PV for every request and KV head that has it.</summary>
    private List<Operation> NpuAttention(IReadOnlyList<int> keys)
    {
        BatchedDecode d = decode;
        ModelShape m = d.Model;
        var ops = new List<Operation>();
        foreach (IGrouping<int, int> same in keys.GroupBy(k => k).OrderBy(g => g.Key))
        {
            int k = same.Key, count = same.Count();
            ops.Add(Gemm($"scores{k}", m.QueriesPerKvHead, k, m.HeadDim, d.KvCache, count * d.KvHeads));
            ops.Add(Vector($"softmax{k}", VectorOpKind.Softmax, (long)count * d.Heads * k, $"scores{k}"));
            ops.Add(Gemm($"values{k}", m.QueriesPerKvHead, m.HeadDim, k, d.KvCache, count * d.KvHeads, $"softmax{k}"));
        }

        return ops;
    }

    private GemmOp Gemm(string name, int m, int n, int k, NumericFormat weight, int repeat, params string[] deps) =>
        new(name, m, n, k, decode.Activations, weight, repeat, deps, decode.Location);

    private VectorOp Vector(string name, VectorOpKind kind, long elements, params string[] deps) =>
        new(name, kind, elements, decode.Activations, 1, deps, decode.Location);

    private long WeightBits()
    {
        BatchedDecode d = decode;
        ModelShape m = d.Model;
        long Bits(int n, int k) => d.Weights.StorageBits(n, k);
        long layer = Bits(d.Heads * m.HeadDim, m.Hidden) + (2 * Bits(d.KvHeads * m.HeadDim, m.Hidden)) + Bits(m.Hidden, d.Heads * m.HeadDim)
            + ((m.GatedFfn ? 2 : 1) * Bits(d.FfnHidden, m.Hidden)) + Bits(m.Hidden, d.FfnHidden);
        return layer * d.Layers;
    }

    private long KvBytes(int tokens)
    {
        BatchedDecode d = decode;
        return (((long)d.Layers * d.KvHeads * d.KvCache.StorageBits(2 * tokens, d.Model.HeadDim)) + 7) / 8;
    }

    /// <summary>
    /// Which requests' KV caches each channel holds: round-robin, or greedy (longest context first into the least
    /// loaded channel by the banks' own estimate of its attention time; ties to the lower channel).
    /// </summary>
    private int[][] Place()
    {
        BatchedDecode d = decode;
        var lists = Enumerable.Range(0, channelCount).Select(_ => new List<int>()).ToArray();
        if (d.Placement == KvPlacement.RoundRobin)
        {
            for (int r = 0; r < d.Batch; r++)
            {
                lists[r % channelCount].Add(r);
            }
        }
        else
        {
            var load = new long[channelCount];
            foreach (int r in Enumerable.Range(0, d.Batch).OrderByDescending(r => d.Contexts[r]).ThenBy(r => r))
            {
                int c = Array.IndexOf(load, load.Min());
                (PimGemvCost s, PimGemvCost v) = Gemvs(d.Contexts[r] + 1);
                load[c] += s.Time.Picoseconds + v.Time.Picoseconds;
                lists[c].Add(r);
            }
        }

        return [.. lists.Select(l => l.Order().ToArray())];
    }

    /// <summary>
    /// The sub-batches: the whole batch, or for NeuPIMs two halves that split every channel's requests (so both
    /// keep every channel busy).
    /// </summary>
    private int[][] SubBatches(int[][] placement)
    {
        int batch = decode.Batch;
        if (!Interleaved)
        {
            return [[.. Enumerable.Range(0, batch)]];
        }

        var a = new List<int>();
        var b = new List<int>();
        foreach (int[] channel in placement)
        {
            int half = channel.Length / 2;
            a.AddRange(channel[..half]);
            b.AddRange(channel[half..(2 * half)]);
            if (channel.Length % 2 == 1)
            {
                // A channel's odd request goes to the smaller half, so the halves differ by at most one request.
                (a.Count <= b.Count ? a : b).Add(channel[^1]);
            }
        }

        return [[.. a.Order()], [.. b.Order()]];
    }
}
