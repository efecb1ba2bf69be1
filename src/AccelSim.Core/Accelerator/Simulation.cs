using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Cost;
using AccelSim.Events;
using AccelSim.Hardware;
using AccelSim.Memory;
using AccelSim.Memory.Sram;
using AccelSim.Units;
using AccelSim.Workloads;

namespace AccelSim.Accelerator;

/// <summary>
/// The composition root and run loop: builds the models a design names, checks the workload against them, then
/// runs the operation DAG on the event engine. Each unit (a compute unit's cores, the vector unit) runs the
/// operations that are ready in workload order, one at a time; different units overlap where the DAG allows.
/// </summary>
public sealed class Simulation
{
    private readonly ArchitectureConfig design;
    private readonly Workload workload;
    private readonly RunOptions options;
    private readonly List<IPeModel> units;
    private readonly Dictionary<string, List<Core>> cores = [];
    private readonly Dictionary<string, Mapper> mappers = [];
    private readonly OpGraph graph;
    private readonly CostModel costs;
    private readonly string[] holders;
    private double? staticWatts;
    private readonly Dictionary<(string, int, int, int, string, string), (FunctionalOutcome Outcome, string First)> checks = [];

    private Simulation(ArchitectureConfig design, Workload workload, RunOptions options, List<IPeModel> units, OpGraph graph)
    {
        this.design = design;
        this.workload = workload;
        this.options = options;
        this.units = units;
        this.graph = graph;
        costs = DesignCosts.Model(design);
        holders = [.. Enum.GetValues<Operand>().Select(o => design.Buffers.First(b => b.Holds.Contains(o)).Name)];
    }

    /// <summary>Builds a simulation, or reports (into <paramref name="diagnostics"/>) every operation the design cannot run.</summary>
    public static Simulation? Create(ArchitectureConfig design, Workload workload, RunOptions options, Diagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(diagnostics);
        List<IPeModel> units = [.. design.Compute.Select(c => c.Build())];
        OpGraph? graph = OpGraph.Build(workload.Operations, diagnostics);
        if (graph is null)
        {
            return null;
        }

        var simulation = new Simulation(design, workload, options, units, graph);
        foreach (GemmOp op in graph.Order.OfType<GemmOp>())
        {
            IPeModel? unit = simulation.UnitFor(op);
            if (unit is null)
            {
                string reasons = string.Join("; ", units.Select(u => u.CannotRun(op.Activation, op.Weight)));
                diagnostics.Add(op.Location, op.Name, $"no compute unit of {design.Name} can run {op.Activation.Name} × {op.Weight.Name}: {reasons}");
            }
            else if (simulation.MapperFor(unit).Choose(new GemmTile(op.M, op.N, op.K, op.Activation, op.Weight), op.Repeat) is null)
            {
                diagnostics.Add(op.Location, op.Name, $"no tile of {op.Activation.Name} × {op.Weight.Name} fits {unit.Name}'s buffers");
            }
        }

        return diagnostics.HasErrors ? null : simulation;
    }

    /// <summary>For each core after a run: the most tiles its buffers held at once, and how many they have room for.</summary>
    internal IEnumerable<(string Core, int Peak, int Slots)> BufferUse =>
        cores.Values.SelectMany(list => list).Select(c => (c.Array.Name, c.PeakTilesHeld, c.Slots));

    public RunResult Run()
    {
        var simulator = new Simulator();
        Timeline? timeline = options.RecordTimeline ? new Timeline() : null;
        IMemoryModel memory = design.Memory.Build(timeline);
        Resource? link = design.Interconnect is null ? null : new Resource("interconnect", timeline);
        int vectorCopies = design.Compute[0].Count;
        var vector = new Resource("vector", timeline);
        Dictionary<string, (Resource, Resource)> sharedPorts = SharedPorts(timeline);
        foreach (IPeModel unit in units)
        {
            cores[unit.Name] = CoresOf(unit, sharedPorts, timeline);
        }

        int count = graph.Order.Count;
        var results = new OpResult?[count];
        int[] waiting = [.. graph.Dependencies.Select(d => d.Count)];
        var dependents = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < count; i++)
        {
            foreach (int d in graph.Dependencies[i])
            {
                dependents[d].Add(i);
            }
        }

        var ready = new Dictionary<string, PriorityQueue<int, int>>();
        // The operation that holds each unit: dispatched and not yet handed on (a GEMM hands its unit on once its last
        // tiles are loading, a vector operation when it ends). The GEMM last started on a unit, still running or not.
        var holder = new Dictionary<string, int>();
        var lastGemm = new Dictionary<string, GemmExecution>();
        var readyAt = new SimTime[count];

        string UnitOf(int i) => graph.Order[i] is GemmOp g ? UnitFor(g)!.Name : "vector";

        // Every resource the run's operations use besides the memory, each once, for idle moments.
        Resource[] resourcesUsed = [.. cores.Values.SelectMany(list => list).SelectMany(c => c.Ports.Values.SelectMany(p => new[] { p.Read, p.Write }).Prepend(c.Array)),
            vector, .. link is null ? Array.Empty<Resource>() : [link]];
        resourcesUsed = [.. resourcesUsed.Distinct()];
        // A timeline draws every interval, so nothing is repeated from an earlier stretch when one is recorded.
        RepeatedStretches? repeats = timeline is null && options.RepeatStretches ? new RepeatedStretches(graph, UnitOf) : null;

        long finished = 0;
        int lastFinished = -1;
        void Finish(int i, OpResult result)
        {
            results[i] = result;
            lastFinished = Math.Max(lastFinished, i);
            // Counted apart: a null-conditional call would skip the increment with no one to tell.
            finished++;
            options.Progress?.Invoke(finished, count);
            Release(i);
            foreach (int next in dependents[i])
            {
                readyAt[next] = SimTime.Max(readyAt[next], result.End);
                if (--waiting[next] == 0)
                {
                    Enqueue(next);
                }
            }

            Dispatch(UnitOf(i));
        }

        void Release(int i)
        {
            if (holder.TryGetValue(UnitOf(i), out int held) && held == i)
            {
                holder.Remove(UnitOf(i));
            }
        }

        void Enqueue(int i)
        {
            string unit = UnitOf(i);
            if (!ready.TryGetValue(unit, out PriorityQueue<int, int>? queue))
            {
                ready[unit] = queue = new PriorityQueue<int, int>();
            }

            queue.Enqueue(i, i);
            Dispatch(unit);
        }

        void Dispatch(string unit)
        {
            if (holder.ContainsKey(unit) || !ready.TryGetValue(unit, out PriorityQueue<int, int>? queue) || !queue.TryDequeue(out int i, out _))
            {
                return;
            }

            holder[unit] = i;
            SimTime start = SimTime.Max(simulator.Now, readyAt[i]);
            simulator.Schedule(start, () =>
            {
                if (repeats is not null && IdleBefore(i) is { } moment && repeats.Record(moment) is { } template)
                {
                    Repeat(template, moment);
                    return;
                }

                if (graph.Order[i] is GemmOp gemm)
                {
                    GemmExecution? behind = lastGemm.TryGetValue(unit, out GemmExecution? last) && !last.Finished ? last : null;
                    lastGemm[unit] = RunGemm(gemm, start, simulator, memory, link, behind, r => Finish(i, r), _ =>
                    {
                        Release(i);
                        Dispatch(unit);
                    });
                }
                else
                {
                    OpResult result = RunVector((VectorOp)graph.Order[i], start, vector, vectorCopies);
                    simulator.Schedule(result.End, () => Finish(i, result));
                }
            });
        }

        // The dispatch of operation i is an idle moment when all before it and nothing after it have finished, it holds
        // the only busy unit, no event is pending and no resource, core or the memory holds anything over.
        IdleMoment? IdleBefore(int i)
        {
            if (finished != i || lastFinished != i - 1 || holder.Count != 1 || simulator.Pending != 0
                || ready.Values.Any(q => q.Count > 0) || cores.Values.Any(list => list.Any(c => !c.Idle)))
            {
                return null;
            }

            var checkpoints = new ResourceCheckpoint[resourcesUsed.Length];
            for (int r = 0; r < checkpoints.Length; r++)
            {
                checkpoints[r] = resourcesUsed[r].Checkpoint();
                if (checkpoints[r].FreeAt > simulator.Now)
                {
                    return null;
                }
            }

            return memory.IdleCheckpoint(simulator.Now) is { } held
                ? new IdleMoment(i, simulator.Now, simulator.EventsProcessed, checkpoints, held)
                : null;
        }

        // Accounts for the stretch from idle moment `now` as a repeat of the one from `template` (RepeatedStretches
        // says why that is exact): every result shifted, counters grown by the stretch's once more, and the operation
        // after it dispatched when it would have been.
        void Repeat(IdleMoment template, IdleMoment now)
        {
            int p = now.Index - template.Index, end = now.Index + p;
            SimTime shift = now.Time - template.Time;
            holder.Remove(UnitOf(now.Index));
            for (int r = 0; r < resourcesUsed.Length; r++)
            {
                resourcesUsed[r].RepeatSince(template.Resources[r], shift);
            }

            memory.RepeatSince(template.Memory, shift);
            // The stretch's last event and the next operation's dispatch still run below.
            simulator.CountRepeated(now.Events - template.Events - 2);
            for (int j = now.Index; j < end; j++)
            {
                OpResult earlier = results[j - p]!;
                Operation op = graph.Order[j];
                FunctionalOutcome check = op is GemmOp gemm && earlier.Mapping is { } mapping ? Check(earlier.Unit, mapping.Array, gemm) : earlier.Functional;
                results[j] = earlier with { Name = op.Name, Start = earlier.Start + shift, End = earlier.End + shift, Functional = check };
                lastFinished = j;
                finished++;
                options.Progress?.Invoke(finished, count);
                foreach (int next in dependents[j])
                {
                    readyAt[next] = SimTime.Max(readyAt[next], results[j]!.End);
                    if (--waiting[next] == 0 && next > end)
                    {
                        throw new InvalidOperationException($"{graph.Order[next].Name} became ready inside a repeated stretch.");
                    }
                }
            }

            if (end < count && waiting[end] != 0)
            {
                throw new InvalidOperationException($"{graph.Order[end].Name} still waits after the stretch it follows was repeated.");
            }

            simulator.Schedule(now.Time + shift, () =>
            {
                if (end < count)
                {
                    Enqueue(end);
                }
            });
        }

        for (int i = 0; i < count; i++)
        {
            if (waiting[i] == 0)
            {
                Enqueue(i);
            }
        }

        SimTime makespan = simulator.Run();
        IReadOnlyList<OpResult> ops = [.. results.Select(r => r!)];
        var resources = new List<ResourceStats>();
        foreach (List<Core> list in cores.Values)
        {
            resources.AddRange(list.Select(c => c.Array.Stats));
        }

        // Buffer ports, each once (a shared buffer's ports serve every core).
        resources.AddRange(cores.Values.SelectMany(list => list).SelectMany(c => c.Ports.Values)
            .SelectMany(p => new[] { p.Read, p.Write }).Distinct().Select(r => r.Stats));
        resources.Add(vector.Stats);
        if (link is not null)
        {
            resources.Add(link.Stats);
        }

        resources.AddRange(memory.Channels);

        var notes = new List<string>(design.Notes);
        notes.AddRange(workload.Notes);
        if (memory.NeverStalls)
        {
            notes.Add(MatchesScaleSim(ops)
                ? "memory never stalls (ideal): every GEMM's compute cycles are those of SCALE-Sim v2 with InterfaceBandwidth CALC (its closed form, one fold after another)"
                : "memory never stalls (ideal)");
        }

        if (design.Memory.Technology is null)
        {
            notes.Add("off-chip traffic is counted but not priced: the memory names no technology");
        }

        IReadOnlyList<AreaLine> area = DesignCosts.Area(design, units, costs);
        var leakage = new Power(area.Sum(a => a.Leakage.Watts));
        var energy = new EnergyBreakdown();
        foreach (OpResult op in ops)
        {
            energy.Add(op.Energy);
        }

        MemoryStats memoryStats = memory.Stats;
        if (memoryStats.Rows is RowBufferStats rows && design.Memory.Technology is string technology)
        {
            // Activations belong to the memory as a whole (a row opened for one operation may serve the next), so they
            // are priced once for the run rather than per operation.
            var activations = new ActivityCounts();
            activations.Add(Activity.DramActivate(technology), rows.Activations);
            energy.Add(costs.Energy(activations));
        }

        DesignCosts.AddStatic(energy, design, leakage, makespan);

        return new RunResult(
            design.Name,
            workload.Name,
            ops,
            makespan,
            design.Clock.CyclesIn(makespan),
            ops.Sum(o => o.Macs),
            memoryStats,
            $"{design.Technology.Name} ({design.Technology.Source})",
            energy,
            leakage + DesignCosts.DramBackground(design),
            area,
            workload.Tokens,
            resources,
            simulator.EventsProcessed,
            notes,
            timeline,
            design.Memory.PeakBandwidth,
            new Lazy<CriticalPath>(() => CriticalPath.Of(graph, ops)),
            simulator.EventsRepeated);
    }

    /// <summary>
    /// Buffer accesses go to the buffer that holds the operand; off-chip bits to the memory's technology (when it
    /// names one) and, when there is an interconnect, over it too.
    /// </summary>
    private ActivityCounts TrafficActivities(TrafficByOperand traffic)
    {
        var counts = new ActivityCounts();
        string Holder(Operand operand) => holders[(int)operand];
        counts.Add(Activity.SramRead(Holder(Operand.Activations)), traffic.SramActivationReads.Bits);
        counts.Add(Activity.SramRead(Holder(Operand.Weights)), traffic.SramWeightReads.Bits);
        counts.Add(Activity.SramRead(Holder(Operand.Outputs)), traffic.SramOutputReads.Bits);
        counts.Add(Activity.SramWrite(Holder(Operand.Activations)), traffic.SramActivationWrites.Bits);
        counts.Add(Activity.SramWrite(Holder(Operand.Weights)), traffic.SramWeightWrites.Bits);
        counts.Add(Activity.SramWrite(Holder(Operand.Outputs)), traffic.SramOutputWrites.Bits);
        if (design.Memory.Technology is string memory)
        {
            counts.Add(Activity.DramRead(memory), traffic.DramRead.Bits);
            counts.Add(Activity.DramWrite(memory), traffic.DramWritten.Bits);
        }

        if (design.Interconnect is InterconnectConfig link)
        {
            counts.Add(Activity.LinkTransfer(link.Link), traffic.DramRead.Bits + traffic.DramWritten.Bits);
        }

        return counts;
    }

    /// <summary>
    /// Whether every GEMM ran on a single SCALE-Sim-timed array in exactly the cycles SCALE-Sim's closed form gives the
    /// whole GEMM, so that saying so is true of this run.
    /// </summary>
    private bool MatchesScaleSim(IReadOnlyList<OpResult> ops)
    {
        bool any = false;
        foreach ((GemmOp op, OpResult result) in graph.Order.Zip(ops).Where(p => p.First is GemmOp).Select(p => ((GemmOp)p.First, p.Second)))
        {
            IPeModel unit = UnitFor(op)!;
            IPeModel array = result.Mapping?.Array ?? unit;
            if (!array.TimedAsScaleSim || cores[unit.Name].Count != 1
                || result.ComputeCycles != op.Repeat * array.Evaluate(new GemmTile(op.M, op.N, op.K, op.Activation, op.Weight)).Cycles)
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    private IPeModel? UnitFor(GemmOp op) => units.FirstOrDefault(u => u.CannotRun(op.Activation, op.Weight) is null);

    private Mapper MapperFor(IPeModel unit)
    {
        if (!mappers.TryGetValue(unit.Name, out Mapper? mapper))
        {
            MappingGoal goal = Goal();
            mapper = new Mapper(unit, design.Buffers, design.Memory.PeakBandwidth, design.Compute[units.IndexOf(unit)].Count,
                (gemm, repeat, choice) => Trial(unit, gemm, repeat, choice, priced: goal.NeedsEnergy), design.FixedMapping, goal);
            mappers[unit.Name] = mapper;
        }

        return mapper;
    }

    /// <summary>
    /// What the mapper minimises: the design's objective, with a schedule's traffic and activities priced as a run
    /// prices them and the design's leakage.
    /// </summary>
    private MappingGoal Goal() => design.MappingObjective == MappingObjective.Latency
        ? MappingGoal.Latency
        : new MappingGoal(design.MappingObjective, DynamicJoules, staticWatts ??= DesignCosts.Area(design, units, costs).Sum(a => a.Leakage.Watts) + DesignCosts.DramBackground(design).Watts);

    /// <summary>The dynamic energy of some traffic and array activities, in joules.</summary>
    private double DynamicJoules(TrafficByOperand traffic, ActivityCounts activities)
    {
        ActivityCounts counts = TrafficActivities(traffic);
        counts.Add(activities);
        return costs.Energy(counts).Total.Picojoules * 1e-12;
    }

    /// <summary>The read and write ports of each buffer that every core of every unit shares.</summary>
    private Dictionary<string, (Resource, Resource)> SharedPorts(Timeline? timeline) => design.Buffers.Where(b => b.Shared).ToDictionary(
        b => b.Name, b => (new Resource($"{b.Name}.read", timeline), new Resource($"{b.Name}.write", timeline)), StringComparer.Ordinal);

    /// <summary>A unit's cores, each with its array and the ports of its own buffers.</summary>
    private List<Core> CoresOf(IPeModel unit, Dictionary<string, (Resource, Resource)> shared, Timeline? timeline)
    {
        int count = design.Compute[units.IndexOf(unit)].Count;
        return [.. Enumerable.Range(0, count).Select(i => new Core(count == 1 ? unit.Name : $"{unit.Name}{i}", design.Buffers, shared, timeline))];
    }

    /// <summary>The schedule a GEMM runs with, and every schedule its search scored (for tests against brute force).</summary>
    internal (TileChoice Chosen, IReadOnlyList<TileChoice> All) Schedules(GemmOp op)
    {
        IPeModel unit = UnitFor(op)!;
        var gemm = new GemmTile(op.M, op.N, op.K, op.Activation, op.Weight);
        return (MapperFor(unit).Choose(gemm, op.Repeat)!, MapperFor(unit).Schedules(gemm, op.Repeat));
    }

    /// <summary>How long a GEMM takes alone on the design with this schedule, and its dynamic energy in joules.</summary>
    internal (SimTime Time, double DynamicJoules) TimeAlone(GemmOp op, TileChoice choice) =>
        Trial(UnitFor(op)!, new GemmTile(op.M, op.N, op.K, op.Activation, op.Weight), op.Repeat, choice, priced: true);

    /// <summary>
    /// How long a GEMM takes alone on the design with this schedule (fresh cores, buffers and memory, no timeline), and
    /// the dynamic energy of what it did when <paramref name="priced"/> (else 0).
    /// </summary>
    private (SimTime Time, double DynamicJoules) Trial(IPeModel unit, GemmTile gemm, int repeat, TileChoice choice, bool priced)
    {
        var simulator = new Simulator();
        IMemoryModel memory = design.Memory.Build(null);
        Resource? link = design.Interconnect is null ? null : new Resource("interconnect", null);
        List<Core> trialCores = CoresOf(unit, SharedPorts(null), null);
        var op = new GemmOp("trial", gemm.M, gemm.N, gemm.K, gemm.Activation, gemm.Weight, repeat, [], new Config.Yaml.SourceLocation("", 0, 0));
        SimTime end = SimTime.Zero;
        var execution = new GemmExecution(simulator, trialCores, memory, link, design.Interconnect?.Bandwidth, op, choice, e => end = e);
        execution.Start(SimTime.Zero);
        simulator.Run();
        return (end, priced ? DynamicJoules(execution.Traffic, execution.SumActivities()) : 0);
    }

    /// <summary>
    /// Starts a GEMM on its unit's cores. <paramref name="behind"/> is the GEMM still finishing on the unit: this one
    /// loads behind it, and the time it waits for the array to come free is not counted as its stall.
    /// </summary>
    private GemmExecution RunGemm(GemmOp op, SimTime start, Simulator simulator, IMemoryModel memory, Resource? link, GemmExecution? behind,
        Action<OpResult> finished, Action<SimTime> handOff)
    {
        IPeModel unit = UnitFor(op)!;
        TileChoice choice = MapperFor(unit).Choose(new GemmTile(op.M, op.N, op.K, op.Activation, op.Weight), op.Repeat)!;
        List<Core> unitCores = cores[unit.Name];
        GemmExecution? execution = null;
        execution = new GemmExecution(simulator, unitCores, memory, link, design.Interconnect?.Bandwidth, op, choice, end =>
        {
            FunctionalOutcome check = Check(unit.Name, choice.Array, op);
            long total = unit.Clock.CyclesIn(end - start);
            long compute = execution!.ComputeCycles;
            long waited = behind is null ? 0 : Math.Clamp(unit.Clock.CyclesIn(behind.ArrayFreeAt - start), 0, total);
            double utilization = total == 0 ? 0 : 100.0 * op.Macs / ((double)total * unit.PeakMacsPerCycle * unitCores.Count);
            ActivityCounts activities = TrafficActivities(execution.Traffic);
            activities.Add(execution.SumActivities());
            finished(new OpResult(
                op.Name, unit.Name, op.M, op.N, op.K, op.Repeat, op.Activation.Name, op.Weight.Name, op.Macs,
                total, compute, Math.Max(0, total - compute - waited), utilization,
                execution.Traffic, activities, costs.Energy(activities),
                start, end, check, choice,
                OpRoof.For(op, unit, unitCores.Count, design.Buffers, design.Memory.PeakBandwidth, design.Interconnect?.Bandwidth)));
        }, handOff);
        execution.Start(start);
        return execution;
    }

    /// <summary>
    /// Checks an operation, or reuses the check of an earlier one with the same unit, shape and formats: the seeded
    /// operands would be drawn the same way, so running it again would only repeat the same comparison.
    /// </summary>
    private FunctionalOutcome Check(string unit, IPeModel array, GemmOp op)
    {
        var key = ($"{unit}|{array.SpatialMapping}", op.M, op.N, op.K, op.Activation.Name, op.Weight.Name);
        if (options.Functional != FunctionalMode.Off && checks.TryGetValue(key, out var earlier))
        {
            return earlier.Outcome with { Detail = $"same unit, shape and formats as {earlier.First}, checked there: {earlier.Outcome.Detail}" };
        }

        FunctionalOutcome outcome = FunctionalCheck.Run(array, op, options.Functional, options.Seed, StableIndex(key));
        checks[key] = (outcome, op.Name);
        return outcome;
    }

    /// <summary>
    /// A seed offset from the operation's shape and formats that does not depend on the process (string hashes are
    /// randomized per run) nor on the unit, so every design draws the same operands for the same operation and
    /// their numerical errors compare like for like.
    /// </summary>
    private static int StableIndex((string Unit, int M, int N, int K, string A, string W) key)
    {
        int hash = 17;
        foreach (char ch in $"{key.M}|{key.N}|{key.K}|{key.A}|{key.W}")
        {
            hash = unchecked((hash * 31) + ch);
        }

        return hash & int.MaxValue;
    }

    private OpResult RunVector(VectorOp op, SimTime start, Resource vector, int copies)
    {
        VectorUnitConfig config = design.Vector;
        long laneCycles = op.Elements * op.Repeat * config.CyclesPerElement[op.Kind];
        long lanes = (long)config.Lanes * copies;
        long cycles = config.Cycles(laneCycles, copies);
        SimTime end = vector.Serve(start, config.Clock.TimeOf(cycles), default, op.Name).End;
        long bits = (long)Math.Ceiling(op.Elements * op.Repeat * op.Format.BitsPerElement);
        long total = config.Clock.CyclesIn(end - start);
        TrafficByOperand traffic = TrafficByOperand.None with { SramActivationReads = new ByteSize(bits), SramActivationWrites = new ByteSize(bits) };
        ActivityCounts activities = TrafficActivities(traffic);
        activities.Add(DesignCosts.VectorLaneCycle, laneCycles);
        return new OpResult(
            op.Name, "vector", 0, 0, 0, op.Repeat, op.Format.Name, VectorOpNames.Name(op.Kind), 0,
            total, cycles, Math.Max(0, total - cycles), total == 0 ? 0 : 100.0 * laneCycles / ((double)total * lanes),
            traffic, activities, costs.Energy(activities),
            start, end, FunctionalOutcome.Skipped("vector operation: timing only"));
    }
}
