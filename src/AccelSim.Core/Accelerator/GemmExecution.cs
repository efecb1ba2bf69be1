using System.Buffers;
using AccelSim.Cost;
using AccelSim.Events;
using AccelSim.Hardware;
using AccelSim.Memory;
using AccelSim.Memory.Sram;
using AccelSim.Units;
using AccelSim.Workloads;

namespace AccelSim.Accelerator;

/// <summary>
/// Runs one GEMM on all cores of a unit as events: per core, tiles are visited in the chosen loop order, loaded from
/// DRAM into the buffers unless the buffer still holds them (two tiles in flight when double-buffered, so the next
/// loads while the current one computes), computed on the array (no faster than the buffer ports can feed it), and
/// each finished output tile is stored to DRAM. A tile that continues the stream of the fold before it pays no fill
/// or drain; stalls are whatever time the array spends waiting for loads. Once every core has issued its last load
/// and has a buffer slot free, the unit is handed on (<c>handOff</c>): the next operation may start loading while
/// this one computes its last tiles, into whichever of the core's slots are free (<see cref="Core.TryTake"/>), the
/// operation before taking a freed slot first.
/// </summary>
internal sealed class GemmExecution
{
    private readonly record struct Tile(int Repeat, int Mi, int Ni, int Ki, int M, int N, int K, bool LastK, bool FromPrevious = false, bool IntoNext = false);

    private readonly Simulator simulator;
    private readonly IPeModel pe;
    private readonly IMemoryModel memory;
    private readonly Resource? link;
    private readonly Bandwidth? linkBandwidth;
    private readonly GemmOp op;
    private readonly TileChoice choice;
    private readonly Action<SimTime> done;
    private readonly Action<SimTime>? handOff;
    private readonly IReadOnlyList<Core> cores;
    // Tiles of one GEMM come in a few shapes (full and edge tiles): each shape is evaluated once and counted.
    private readonly Dictionary<(int M, int N, int K, bool From, bool Into), (TileCost Cost, long Count, string Detail)> tileCosts = [];
    private (int M, int N, int K, bool From, bool Into) lastShape;
    private TileCost? lastCost;
    private string lastDetail = "";
    // Labels made once per operation, not once per tile: a timing-only run builds no string per tile.
    private readonly string loadLabel, storeLabel, spillLabel;
    private readonly string activationPortLabel, weightPortLabel, partialSumPortLabel, outputPortLabel;
    private readonly string activationFillLabel, weightFillLabel, partialSumFillLabel;
    // Traffic summed in place; the record is built when asked for.
    private long dramActivationReads, dramWeightReads, dramPartialSumReads, dramOutputWrites;
    private long sramActivationReads, sramWeightReads, sramOutputReads, sramActivationWrites, sramWeightWrites, sramOutputWrites;
    private long lastCount;
    private int coresLeft;
    private int coresLoading;
    private SimTime end;

    public GemmExecution(Simulator simulator, IReadOnlyList<Core> cores, IMemoryModel memory, Resource? link, Bandwidth? linkBandwidth,
        GemmOp op, TileChoice choice, Action<SimTime> done, Action<SimTime>? handOff = null)
    {
        this.handOff = handOff;
        this.simulator = simulator;
        pe = choice.Array;
        this.memory = memory;
        this.link = link;
        this.linkBandwidth = linkBandwidth;
        this.op = op;
        this.choice = choice;
        this.done = done;
        this.cores = cores;
        (loadLabel, storeLabel, spillLabel) = ($"load {op.Name}", $"store {op.Name}", $"spill {op.Name}");
        (activationPortLabel, weightPortLabel, partialSumPortLabel, outputPortLabel) =
            ($"{op.Name} activations", $"{op.Name} weights", $"{op.Name} partial sums", $"{op.Name} outputs");
        (activationFillLabel, weightFillLabel, partialSumFillLabel) =
            ($"{op.Name} activations fill", $"{op.Name} weights fill", $"{op.Name} partial sums fill");
    }

    public long ComputeCycles { get; private set; }

    /// <summary>When the last tile so far left the array (of any core).</summary>
    public SimTime ArrayFreeAt { get; private set; }

    /// <summary>Whether every core has computed and stored its last tile.</summary>
    public bool Finished { get; private set; }

    public TrafficByOperand Traffic => new(
        new ByteSize(dramActivationReads), new ByteSize(dramWeightReads), new ByteSize(dramOutputWrites),
        new ByteSize(sramActivationReads), new ByteSize(sramWeightReads), new ByteSize(sramOutputReads),
        new ByteSize(sramActivationWrites), new ByteSize(sramWeightWrites), new ByteSize(sramOutputWrites),
        new ByteSize(dramPartialSumReads));

    /// <summary>What the arrays did (multiplies, adds, register writes), summed over every tile computed so far.</summary>
    public ActivityCounts SumActivities()
    {
        Flush();
        var sum = new ActivityCounts();
        foreach ((TileCost cost, long count, _) in tileCosts.Values)
        {
            sum.Add(cost.Activities, count);
        }

        return sum;
    }

    public void Start(SimTime now)
    {
        int tilesM = CeilDiv(op.M, choice.TileM), tilesN = CeilDiv(op.N, choice.TileN), tilesK = CeilDiv(op.K, choice.TileK);
        LoopOrder order = choice.Order;
        int outer = order.MOutsideN ? tilesM : tilesN, inner = order.MOutsideN ? tilesN : tilesM;
        long pairs = (long)op.Repeat * outer * inner;
        int active = (int)Math.Min(cores.Count, pairs);
        coresLeft = active;
        coresLoading = active;
        end = now;
        // Per-tensor scales are registers beside the array, not part of any tile: each is read, or written with the
        // output, once per tensor (too few bits to hold anything up).
        // The output leaves in the activation format, so it carries an activation scale.
        var aScales = new ByteSize((long)op.Repeat * op.Activation.TensorScaleBits);
        var wScales = new ByteSize((long)op.Repeat * op.Weight.TensorScaleBits);
        dramActivationReads += aScales.Bits;
        dramWeightReads += wScales.Bits;
        dramOutputWrites += aScales.Bits;
        if ((aScales + wScales).Bits > 0)
        {
            memory.Access(now, new MemoryRequest(aScales + wScales, IsWrite: false, $"scales {op.Name}"));
        }

        if (aScales.Bits > 0)
        {
            memory.Access(now, new MemoryRequest(aScales, IsWrite: true, $"scale {op.Name}"));
        }
        for (int c = 0; c < active; c++)
        {
            long from = pairs * c / active, to = pairs * (c + 1) / active;
            // Rented, not allocated: an operation's tile list is often large enough for the large-object heap, and a
            // sweep builds thousands of them; the pipeline gives it back when its last tile is done.
            Tile[] tiles = ArrayPool<Tile>.Shared.Rent((int)((to - from) * tilesK));
            int count = 0;
            // The core's output tiles in groups that go through every K tile together: each tile alone (K
            // innermost), those of one outer index (K in the middle), or all of one repeat (K outermost).
            long groupFrom = from;
            for (long p = from; p <= to; p++)
            {
                if (p < to && p > groupFrom && SameGroup(groupFrom, p))
                {
                    continue;
                }

                for (int ki = 0; ki < tilesK; ki++)
                {
                    for (long q = groupFrom; q < p; q++)
                    {
                        int repeat = (int)(q / ((long)outer * inner));
                        int o = (int)(q / inner % outer), i = (int)(q % inner);
                        int mi = order.MOutsideN ? o : i, ni = order.MOutsideN ? i : o;
                        tiles[count++] = new Tile(repeat, mi, ni, ki,
                            Math.Min(choice.TileM, op.M - (mi * choice.TileM)),
                            Math.Min(choice.TileN, op.N - (ni * choice.TileN)),
                            Math.Min(choice.TileK, op.K - (ki * choice.TileK)),
                            ki == tilesK - 1);
                    }
                }

                groupFrom = p;
            }

            if (choice.StreamsFolds)
            {
                JoinStreams(tiles.AsSpan(0, count));
            }

            new CorePipeline(this, cores[c], tiles, count).Start(now);
        }

        bool SameGroup(long first, long p) => order.Depth(GemmDimension.K) switch
        {
            2 => false,
            1 => first / inner == p / inner,
            _ => first / ((long)outer * inner) == p / ((long)outer * inner),
        };
    }

    /// <summary>
    /// Marks the tiles whose fold stream goes on from the tile before them on the core: same repeat, same stationary
    /// block, the next piece of the streamed dimension.
    /// </summary>
    private void JoinStreams(Span<Tile> tiles)
    {
        GemmDimension streamed = pe.Granule.Streamed;
        for (int j = 1; j < tiles.Length; j++)
        {
            Tile a = tiles[j - 1], b = tiles[j];
            bool continues = a.Repeat == b.Repeat && streamed switch
            {
                GemmDimension.M => a.Ni == b.Ni && a.Ki == b.Ki && b.Mi == a.Mi + 1,
                GemmDimension.N => a.Mi == b.Mi && a.Ki == b.Ki && b.Ni == a.Ni + 1,
                _ => a.Mi == b.Mi && a.Ni == b.Ni && b.Ki == a.Ki + 1,
            };
            if (continues)
            {
                tiles[j - 1] = a with { IntoNext = true };
                tiles[j] = b with { FromPrevious = true };
            }
        }
    }

    /// <summary>A core has issued its last load and has a slot free; the unit is handed on when every core has.</summary>
    private void CoreLoaded(SimTime time)
    {
        if (--coresLoading == 0)
        {
            handOff?.Invoke(time);
        }
    }

    private void CoreDone(SimTime time, long cycles)
    {
        ComputeCycles = Math.Max(ComputeCycles, cycles);
        end = SimTime.Max(end, time);
        if (--coresLeft == 0)
        {
            Finished = true;
            done(end);
        }
    }

    private static int CeilDiv(int a, int b) => (a + b - 1) / b;

    /// <summary>The tile's cost and its timeline description, evaluated once per tile shape.</summary>
    private (TileCost Cost, string Detail) Evaluate(Tile tile)
    {
        var shape = (tile.M, tile.N, tile.K, tile.FromPrevious, tile.IntoNext);
        if (shape == lastShape && lastCost is not null)
        {
            lastCount++;
            return (lastCost, lastDetail);
        }

        Flush();
        if (!tileCosts.TryGetValue(shape, out (TileCost Cost, long Count, string Detail) entry))
        {
            TileCost cost = pe.Evaluate(new GemmTile(tile.M, tile.N, tile.K, op.Activation, op.Weight)).Streamed(tile.FromPrevious, tile.IntoNext);
            entry = (cost, 0, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"tile {tile.M}×{tile.N}×{tile.K} (m×n×k), {cost.Cycles} cycles"));
            tileCosts[shape] = entry;
        }

        (lastShape, lastCost, lastDetail, lastCount) = (shape, entry.Cost, entry.Detail, 1);
        return (entry.Cost, entry.Detail);
    }

    /// <summary>Adds the run of same-shaped tiles just computed to the per-shape counts.</summary>
    private void Flush()
    {
        if (lastCost is not null && lastCount > 0)
        {
            (TileCost cost, long count, string detail) = tileCosts[lastShape];
            tileCosts[lastShape] = (cost, count + lastCount, detail);
            lastCount = 0;
        }
    }

    private sealed class CorePipeline
    {
        private readonly GemmExecution run;
        private readonly Core core;
        private readonly Tile[] tiles;
        private readonly int count;
        // One delegate each for every tile's "loaded" and "computed" events: no closure per tile.
        private readonly Action<int> onLoaded, onComputed;

        public CorePipeline(GemmExecution run, Core core, Tile[] tiles, int count)
        {
            (this.run, this.core, this.tiles, this.count) = (run, core, tiles, count);
            (loaded, tookSlot, slots) = (ArrayPool<bool>.Shared.Rent(count), ArrayPool<bool>.Shared.Rent(count), core.Slots);
            Array.Clear(loaded, 0, count);
            Array.Clear(tookSlot, 0, count);
            activationTiles = new(run.choice.ResidentActivationTiles);
            weightTiles = new(run.choice.ResidentWeightTiles);
            partialsInPes = run.pe.Granule.Streamed == GemmDimension.K;
            onLoaded = index =>
            {
                loaded[index] = true;
                TryCompute(run.simulator.Now);
            };
            onComputed = index => Computed(index, tiles[index]);
        }

        private readonly bool[] loaded;
        private readonly bool[] tookSlot;
        private int held;
        private readonly int slots;
        private Action? retry;
        private bool handedOff;
        private int nextLoad;
        private int nextCompute;
        private bool computing;
        private long cycles;
        private SimTime lastStore;
        private readonly ResidentTiles activationTiles;
        private readonly ResidentTiles weightTiles;
        private readonly bool partialsInPes;
        // Per operand, read and write: the last transfer time through the port.
        private readonly TransferTime[,] portTimes = { { new(), new() }, { new(), new() }, { new(), new() } };

        public void Start(SimTime now)
        {
            Fill(now);
        }

        /// <summary>
        /// Loads tiles until every slot holds one, then hands the unit on if nothing is left to load. A tile whose
        /// operands the buffers still hold fetches nothing and takes no slot: it is ready at once, and the loads behind
        /// it go ahead (a double-buffered buffer refills its free half whatever the array is doing).
        /// </summary>
        private void Fill(SimTime now)
        {
            while (nextLoad < count)
            {
                if (Fetches(tiles[nextLoad]))
                {
                    if (held >= slots || !core.TryTake(retry ??= () => Fill(run.simulator.Now)))
                    {
                        break;
                    }

                    held++;
                    tookSlot[nextLoad] = true;
                }

                Load(now);
            }

            if (!handedOff && nextLoad == count && held < slots)
            {
                handedOff = true;
                run.CoreLoaded(now);
            }
        }

        private bool Fetches(Tile tile) => !activationTiles.Holds((tile.Repeat, tile.Mi, tile.Ki)) || !weightTiles.Holds((tile.Repeat, tile.Ni, tile.Ki))
            || (run.choice.SpillsPartials && tile.Ki > 0);

        private void Load(SimTime now)
        {
            int index = nextLoad++;
            Tile tile = tiles[index];
            // A tile its buffer still holds is reused, not fetched again.
            long aBits = activationTiles.Fetch((tile.Repeat, tile.Mi, tile.Ki)) ? run.op.Activation.TileBits(tile.M, tile.K) : 0;
            long wBits = weightTiles.Fetch((tile.Repeat, tile.Ni, tile.Ki)) ? run.op.Weight.TileBits(tile.N, tile.K) : 0;
            // Spilled partial sums of the K tiles before come back with the operands.
            long pBits = run.choice.SpillsPartials && tile.Ki > 0 ? (long)tile.M * tile.N * run.pe.AccumulatorBits : 0;
            long bits = aBits + wBits + pBits;

            SimTime ready = now;
            // Ideal memory (SCALE-Sim's CALC) puts the data in the buffers the moment it is needed.
            run.dramActivationReads += aBits;
            run.dramWeightReads += wBits;
            run.dramPartialSumReads += pBits;
            run.sramActivationWrites += aBits;
            run.sramWeightWrites += wBits;
            run.sramOutputWrites += pBits;
            if (bits > 0 && run.memory.NeverStalls)
            {
                run.memory.Access(now, new MemoryRequest(new ByteSize(bits), IsWrite: false, run.loadLabel));
            }
            else if (bits > 0)
            {
                var size = new ByteSize(bits);
                ready = run.memory.Access(now, new MemoryRequest(size, IsWrite: false, run.loadLabel));
                if (run.link is not null && run.linkBandwidth is { } bandwidth)
                {
                    ready = SimTime.Max(ready, run.link.Serve(now, bandwidth.TimeFor(size), size, run.loadLabel).End);
                }

                ready = SimTime.Max(ready, Port(Operand.Activations, new ByteSize(aBits), write: true, now, run.activationFillLabel));
                ready = SimTime.Max(ready, Port(Operand.Weights, new ByteSize(wBits), write: true, now, run.weightFillLabel));
                ready = SimTime.Max(ready, Port(Operand.Outputs, new ByteSize(pBits), write: true, now, run.partialSumFillLabel));
            }

            run.simulator.ScheduleFor(ready, onLoaded, index);
        }

        private void TryCompute(SimTime now)
        {
            if (computing || nextCompute >= count || !loaded[nextCompute])
            {
                return;
            }

            int index = nextCompute++;
            Tile tile = tiles[index];
            (TileCost cost, string detail) = run.Evaluate(tile);
            cycles += cost.Cycles;
            Interval span = core.Array.Serve(now, run.pe.Clock.TimeOf(cost.Cycles), default, run.op.Name, detail);
            SimTime finish = span.End;
            run.ArrayFreeAt = SimTime.Max(run.ArrayFreeAt, finish);

            // Partial sums of earlier K tiles are read back to be accumulated into, unless the fold's K stream goes on
            // from the tile before, which left them in the PEs; likewise they leave only when the stream ends.
            bool inPes = partialsInPes && tile.FromPrevious;
            ByteSize partials = cost.Traffic.PartialSumReads + (tile.Ki > 0 && !inPes ? new ByteSize((long)tile.M * tile.N * run.pe.AccumulatorBits) : default);
            ByteSize written = partialsInPes && tile.IntoNext ? default : cost.Traffic.OutputWrites;
            finish = SimTime.Max(finish, Port(Operand.Activations, cost.Traffic.ActivationReads, write: false, now, run.activationPortLabel));
            finish = SimTime.Max(finish, Port(Operand.Weights, cost.Traffic.WeightReads, write: false, now, run.weightPortLabel));
            finish = SimTime.Max(finish, Port(Operand.Outputs, partials, write: false, now, run.partialSumPortLabel));
            finish = SimTime.Max(finish, Port(Operand.Outputs, written, write: true, now, run.outputPortLabel));
            run.sramActivationReads += cost.Traffic.ActivationReads.Bits;
            run.sramWeightReads += cost.Traffic.WeightReads.Bits;
            run.sramOutputReads += partials.Bits;
            run.sramOutputWrites += written.Bits;
            computing = true;
            run.simulator.ScheduleFor(finish, onComputed, index);
        }

        private SimTime Port(Operand operand, ByteSize size, bool write, SimTime now, string label)
        {
            if (size.Bits == 0)
            {
                return now;
            }

            (SramBufferConfig buffer, Resource read, Resource writePort) = core.PortsOf(operand);
            return write
                ? writePort.Serve(now, portTimes[(int)operand, 1].For(buffer.WriteBandwidth, size), size, label).End
                : read.Serve(now, portTimes[(int)operand, 0].For(buffer.ReadBandwidth, size), size, label).End;
        }

        private void Computed(int index, Tile tile)
        {
            SimTime now = run.simulator.Now;
            computing = false;
            if (tookSlot[index])
            {
                held--;
                core.Free();
            }

            if (tile.LastK)
            {
                // The finished output tile leaves in the operation's activation format (the next layer's input).
                var size = new ByteSize(run.op.Activation.TileBits(tile.M, tile.N));
                run.dramOutputWrites += size.Bits;
                run.sramOutputReads += size.Bits;
                lastStore = SimTime.Max(lastStore, run.memory.Access(now, new MemoryRequest(size, IsWrite: true, run.storeLabel)));
            }
            else if (run.choice.SpillsPartials && !(partialsInPes && tile.IntoNext))
            {
                var size = new ByteSize((long)tile.M * tile.N * run.pe.AccumulatorBits);
                run.dramOutputWrites += size.Bits;
                run.sramOutputReads += size.Bits;
                lastStore = SimTime.Max(lastStore, run.memory.Access(now, new MemoryRequest(size, IsWrite: true, run.spillLabel)));
            }

            Fill(now);
            core.Notify();
            if (nextCompute == count)
            {
                // Nothing reads the tiles again: every load was issued and this was the last compute.
                ArrayPool<Tile>.Shared.Return(tiles);
                ArrayPool<bool>.Shared.Return(loaded);
                ArrayPool<bool>.Shared.Return(tookSlot);
                SimTime finished = SimTime.Max(now, lastStore);
                run.simulator.Schedule(finished, () => run.CoreDone(finished, cycles));
                return;
            }

            TryCompute(now);
        }
    }
}
