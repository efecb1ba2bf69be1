using AccelSim.Cost;
using AccelSim.Hardware;
using AccelSim.Memory.Sram;
using AccelSim.Units;

namespace AccelSim.Accelerator;

/// <summary>
/// Chooses how a GEMM runs on a unit's cores: for every spatial mapping the unit's datapath supports (its
/// <see cref="IPeModel.Mappings"/>), every tile size made of multiples of that mapping's granule (or the whole
/// dimension) that fits the buffers (half of each when double-buffered), under every loop order, is scored in closed
/// form, and the one with the best score wins — by default the least estimated time, the larger of the busiest core's
/// compute time and the DRAM transfer time; with an energy or EDP <paramref name="goal"/>, the estimated energy
/// (the schedule's traffic and array activities priced, plus leakage over its time) or its product with the time —
/// with less DRAM traffic, then larger tiles, then the earlier mapping and loop order breaking ties (scores within
/// 1 % are a tie). A loop order with the PE's streamed dimension innermost lets a one-fold tile's
/// stream run on into the next tile, so the fold pays its fill and drain once however the buffers cut its stream.
/// An operand tile is fetched again only if its buffer no longer holds it: a buffer keeps as many tiles of its operand
/// as fit beside the other operands' tiles, so an operand that fits whole is read from DRAM once. Partial sums that
/// a loop order keeps in flight beyond the output buffer spill to DRAM and are read back. The cores split the (M, N)
/// output tiles between them, so the busiest core's share is what counts. The closed form cannot see everything a
/// shared memory does (cores fetching at once, a kept operand arriving in a burst), so when memory can stall and a
/// <paramref name="trial"/> is given, the few best-scored schedules are each run alone on the engine and the fastest
/// wins (the best-scored on a tie). With <paramref name="fixedSchedule"/> (a design's <c>mapping: fixed</c>) there is one
/// loop order, M outside N outside K, and no trials: only the tile sizes are chosen, for SCALE-Sim-style studies that
/// want one schedule whatever the memory. Results are cached per shape, format and repeat count.
/// </summary>
public sealed class Mapper(IPeModel pe, IReadOnlyList<SramBufferConfig> buffers, Bandwidth? dramBandwidth, int cores = 1,
    Func<GemmTile, int, TileChoice, (SimTime Time, double DynamicJoules)>? trial = null, bool fixedSchedule = false, MappingGoal? goal = null)
{
    private readonly MappingGoal goal = goal ?? MappingGoal.Latency;

    /// <summary>How many of the best-scored schedules a trial runs.</summary>
    private const int Shortlist = 8;

    /// <summary>
    /// Trials run only for schedules of at most this many tiles, so that the search stays a small part of a run: a
    /// GEMM of more tiles is long enough that its pipeline's ends, which the closed form misjudges, matter little.
    /// </summary>
    private const long TrialTiles = 256;

    /// <summary>Only schedules scored within this factor of the best are tried: the closed form is not that far off.</summary>
    private const double TrialSpread = 1.1;

    /// <summary>
    /// Estimates within 1 % of each other count as a tie, broken by DRAM traffic: the estimate is not finer than
    /// that, and a tile 0.1 % faster on paper that re-reads an operand several times costs real energy.
    /// </summary>
    private const double Indistinct = 0.01;

    private readonly record struct Piece(int Size, long Count, bool First, bool Last);

    /// <summary>What the tiles of a schedule cost the array: cycles, busy time, buffer traffic and, when priced, activities (one repeat).</summary>
    private sealed record ArrayEstimate(long Cycles, double Seconds, TrafficByOperand Sram, ActivityCounts? Activities);

    /// <summary>
    /// DRAM traffic of all repeats by operand (partial sums: bits spilled, each read back once as well), the share of
    /// it that comes in the first trip of the outermost loop, and how many trips that loop has.
    /// </summary>
    private readonly record struct DramEstimate(long Activations, long Weights, long Partials, long Outputs, double FirstTripShare, long OuterTrips)
    {
        public long Bits => Activations + Weights + (2 * Partials) + Outputs;
    }

    /// <summary>A scored schedule: its score by the goal.</summary>
    private readonly record struct Scored(double Score, TileChoice Choice);

    private readonly Dictionary<(GemmTile Gemm, int Repeat), TileChoice?> cache = [];

    public TileChoice? Choose(in GemmTile gemm, int repeat = 1)
    {
        if (!cache.TryGetValue((gemm, repeat), out TileChoice? choice))
        {
            choice = Search(gemm, repeat);
            cache[(gemm, repeat)] = choice;
        }

        return choice;
    }

    /// <summary>Every schedule the search scores for a GEMM, in the order it scores them (for tests against brute force).</summary>
    internal IReadOnlyList<TileChoice> Schedules(in GemmTile gemm, int repeat = 1) => [.. Score(gemm, repeat).All.Select(s => s.Choice)];

    private TileChoice? Search(GemmTile gemm, int repeat)
    {
        (Scored? best, List<Scored> scored) = Score(gemm, repeat);
        long Tiles(TileChoice c) => repeat * CeilDiv(gemm.M, c.TileM) * CeilDiv(gemm.N, c.TileN) * CeilDiv(gemm.K, c.TileK);
        if (best is not { } top || trial is null || fixedSchedule || dramBandwidth is null || Tiles(top.Choice) > TrialTiles)
        {
            return best?.Choice;
        }

        // The best-scored first, then the next best by score (a stable sort keeps enumeration order on equal scores).
        // A trial runs the schedule on the engine, which times it and counts what it moves and does.
        // An EDP score grows as the square of the time, so its window is the square of the time's.
        double spread = goal.Objective == MappingObjective.Edp ? TrialSpread * TrialSpread : TrialSpread;
        List<Scored> shortlist = scored.Where(s => s.Score <= top.Score * spread).OrderBy(s => s.Score)
            .Where(s => s.Choice != top.Choice && Tiles(s.Choice) <= TrialTiles).Take(Shortlist - 1).Prepend(top).ToList();
        if (shortlist.Count == 1)
        {
            return top.Choice;
        }

        return shortlist.Select(s =>
        {
            (SimTime time, double joules) = trial(gemm, repeat, s.Choice);
            return (Score: goal.Score(time.Seconds, joules), s.Choice);
        }).MinBy(t => t.Score).Choice;
    }

    private (Scored? Best, List<Scored> All) Score(GemmTile gemm, int repeat)
    {
        Scored? best = null;
        var scored = new List<Scored>();
        IReadOnlyList<LoopOrder> orders = fixedSchedule ? [LoopOrder.All[0]] : LoopOrder.All;
        foreach (IPeModel array in pe.Mappings)
        {
            TileGranule g = array.Granule;
            foreach (int tm in Candidates(gemm.M, g.M))
            {
                foreach (int tn in Candidates(gemm.N, g.N))
                {
                    foreach (int tk in Candidates(gemm.K, g.K))
                    {
                        if (!Fits(array, gemm, tm, tn, tk))
                        {
                            continue;
                        }

                        bool oneFold = g.IsOneFold(Math.Min(tm, gemm.M), Math.Min(tn, gemm.N), Math.Min(tk, gemm.K));
                        var costs = new Dictionary<(bool Streams, bool Spills), ArrayEstimate>();
                        long residentA = Resident(array, Operand.Activations, gemm, tm, tn, tk), residentW = Resident(array, Operand.Weights, gemm, tm, tn, tk);
                        foreach (LoopOrder order in orders)
                        {
                            bool streams = oneFold && order.Inner == g.Streamed;
                            bool spills = SpillsPartials(array, gemm, tm, tn, tk, order, repeat);
                            if (!costs.TryGetValue((streams, spills), out ArrayEstimate? cost))
                            {
                                cost = ComputeCost(array, gemm, tm, tn, tk, streams, spills);
                                costs[(streams, spills)] = cost;
                            }

                            double busiest = BusiestCoreShare(gemm, tm, tn, repeat, cost.Seconds);
                            DramEstimate dram = DramBits(gemm, tm, tn, tk, order, residentA, residentW, spills ? array.AccumulatorBits : 0, cores, repeat);
                            double seconds = EstimatedSeconds(gemm, tm, tn, tk, repeat, busiest, dram);
                            double joules = goal.NeedsEnergy ? DynamicJoules(cost, dram, repeat) : 0;
                            var candidate = new Scored(goal.Score(seconds, joules),
                                new TileChoice(tm, tn, tk, order, streams, spills, residentA, residentW, dram.Bits, cost.Cycles, array));
                            scored.Add(candidate);
                            if (best is not { } b || Better(candidate, b))
                            {
                                best = candidate;
                            }
                        }
                    }
                }
            }
        }

        return (best, scored);
    }

    /// <summary>A lower score, or one within <see cref="Indistinct"/> with less DRAM traffic, or as much in larger tiles.</summary>
    private static bool Better(Scored a, Scored b)
    {
        TileChoice x = a.Choice, y = b.Choice;
        return a.Score < b.Score * (1 - Indistinct)
            || (a.Score <= b.Score * (1 + Indistinct) && (x.DramBits < y.DramBits
                || (x.DramBits == y.DramBits && (long)x.TileM * x.TileN * x.TileK > (long)y.TileM * y.TileN * y.TileK)));
    }

    /// <summary>
    /// The dynamic energy of a schedule: its buffer traffic and array activities for every repeat, and its DRAM
    /// traffic, with each bit fetched written into its buffer and each bit stored read out of it.
    /// </summary>
    private double DynamicJoules(ArrayEstimate array, DramEstimate dram, int repeat)
    {
        var offChip = new TrafficByOperand(
            new ByteSize(dram.Activations), new ByteSize(dram.Weights), new ByteSize(dram.Outputs + dram.Partials),
            default, default, new ByteSize(dram.Outputs + dram.Partials),
            new ByteSize(dram.Activations), new ByteSize(dram.Weights), new ByteSize(dram.Partials), new ByteSize(dram.Partials));
        return (repeat * goal.DynamicJoules!(array.Sram, array.Activities ?? new ActivityCounts())) + goal.DynamicJoules!(offChip, new ActivityCounts());
    }

    /// <summary>
    /// A core's tiles form a pipeline: n tiles, each loaded in L and computed in C, take about
    /// L + (n − 1) · max(L, C) + C = max(n · L, n · C) + min(L, C), so besides the larger of compute and transfer
    /// time, the first load or the last compute (whichever is shorter) is exposed. L counts every active core
    /// fetching a tile at once over the shared DRAM; without a DRAM bandwidth (ideal memory) only compute counts.
    /// Transfers are not spread evenly when an operand the buffers keep is fetched whole during the first trip of the
    /// outermost loop (<see cref="DramEstimate.FirstTripShare"/>: that trip's share of the traffic; it has one
    /// <see cref="DramEstimate.OuterTrips"/>th of the compute): that trip and the rest are each bound by the larger of their compute and their transfers.
    /// </summary>
    private double EstimatedSeconds(in GemmTile gemm, int tm, int tn, int tk, int repeat, double busiestSeconds, DramEstimate dram)
    {
        (long dramBits, double upFront, long trips) = (dram.Bits, dram.FirstTripShare, dram.OuterTrips);
        double compute = busiestSeconds;
        if (dramBandwidth is not { } bw)
        {
            return compute;
        }

        long pairs = repeat * (long)CeilDiv(gemm.M, tm) * CeilDiv(gemm.N, tn);
        long active = Math.Min(cores, pairs);
        long tilesPerCore = CeilDiv(pairs, active) * CeilDiv(gemm.K, tk);
        long tileBits = gemm.Activation.TileBits(Math.Min(tm, gemm.M), Math.Min(tk, gemm.K)) + gemm.Weight.TileBits(Math.Min(tn, gemm.N), Math.Min(tk, gemm.K));
        double load = active * tileBits / (double)bw.BitsPerSecond;
        double transfer = dramBits / (double)bw.BitsPerSecond;
        double first = Math.Max(compute / trips, transfer * upFront);
        double rest = Math.Max(compute - (compute / trips), transfer * (1 - upFront));
        return first + rest + Math.Min(load, compute / tilesPerCore);
    }

    /// <summary>Bits of one tile of an operand: its elements and block scales, or tm × tn partial sums.</summary>
    private static long TileBits(IPeModel array, Operand operand, in GemmTile gemm, int tm, int tn, int tk) => operand switch
    {
        Operand.Activations => gemm.Activation.TileBits(Math.Min(tm, gemm.M), Math.Min(tk, gemm.K)),
        Operand.Weights => gemm.Weight.TileBits(Math.Min(tn, gemm.N), Math.Min(tk, gemm.K)),
        _ => (long)Math.Min(tm, gemm.M) * Math.Min(tn, gemm.N) * array.AccumulatorBits,
    };

    /// <summary>Whether one tile of each operand fits the buffer that holds it.</summary>
    private bool Fits(IPeModel array, in GemmTile gemm, int tm, int tn, int tk)
    {
        foreach (SramBufferConfig buffer in buffers)
        {
            long bits = 0;
            foreach (Operand operand in buffer.Holds)
            {
                bits += TileBits(array, operand, gemm, tm, tn, tk);
            }

            if (bits > buffer.TileRoom.Bits)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// How many tiles of an operand its buffer keeps: its whole capacity less the room the other operands it holds
    /// need for their tiles (two of each when double-buffered), and never fewer than the tiles in flight.
    /// </summary>
    private long Resident(IPeModel array, Operand operand, in GemmTile gemm, int tm, int tn, int tk)
    {
        SramBufferConfig buffer = buffers.First(b => b.Holds.Contains(operand));
        int slots = buffer.DoubleBuffered ? 2 : 1;
        long room = buffer.Capacity.Bits - (slots * OthersTileBits(array, buffer, operand, gemm, tm, tn, tk));
        return Math.Max(slots, room / Math.Max(1, TileBits(array, operand, gemm, tm, tn, tk)));
    }

    /// <summary>
    /// Whether the partial sums a loop order keeps in flight outgrow the output buffer: one output tile with K
    /// innermost; every output tile along the inner loop with K in the middle; the core's whole share of the output
    /// with K outermost.
    /// </summary>
    private bool SpillsPartials(IPeModel array, in GemmTile gemm, int tm, int tn, int tk, LoopOrder order, int repeat)
    {
        if (CeilDiv(gemm.K, tk) == 1 || order.Inner == GemmDimension.K)
        {
            return false;
        }

        long tilesM = CeilDiv(gemm.M, tm), tilesN = CeilDiv(gemm.N, tn);
        long tiles = order.Middle == GemmDimension.K
            ? (order.Inner == GemmDimension.M ? tilesM : tilesN)
            : CeilDiv(tilesM * tilesN, Math.Min(cores, repeat * tilesM * tilesN));
        SramBufferConfig buffer = buffers.First(b => b.Holds.Contains(Operand.Outputs));
        long room = buffer.TileRoom.Bits - OthersTileBits(array, buffer, Operand.Outputs, gemm, tm, tn, tk);
        return tiles * TileBits(array, Operand.Outputs, gemm, tm, tn, tk) > room;
    }

    /// <summary>One tile of each operand a buffer holds besides <paramref name="operand"/>.</summary>
    private static long OthersTileBits(IPeModel array, SramBufferConfig buffer, Operand operand, in GemmTile gemm, int tm, int tn, int tk)
    {
        long bits = 0;
        foreach (Operand other in buffer.Holds.Where(o => o != operand))
        {
            bits += TileBits(array, other, gemm, tm, tn, tk);
        }

        return bits;
    }

    /// <summary>
    /// The array cycles of every tile, and the time the tiles keep the core busy: a tile takes no less than its
    /// buffer ports need to feed it (operand reads, partial sums read back for every K tile after the first, outputs
    /// written), as <see cref="GemmExecution"/> times it. With <paramref name="streams"/>, each fold's stream runs
    /// through its tiles, paying its head and tail once, and an output-stationary fold keeps its partial sums in the
    /// PEs across K tiles (neither written out nor read back until the last). With <paramref name="spills"/>, the
    /// output buffer's ports also take the spilled partial sums in from DRAM and out to it. Also the buffer traffic
    /// between array and buffers, and the array's activities when the goal prices them.
    /// </summary>
    private ArrayEstimate ComputeCost(IPeModel array, in GemmTile gemm, int tm, int tn, int tk, bool streams, bool spills)
    {
        GemmDimension streamed = array.Granule.Streamed;
        long cycles = 0;
        double seconds = 0;
        long aReads = 0, wReads = 0, pReads = 0, oWrites = 0;
        ActivityCounts? activities = goal.NeedsEnergy ? new ActivityCounts() : null;
        foreach (Piece m in Pieces(gemm.M, tm))
        {
            foreach (Piece n in Pieces(gemm.N, tn))
            {
                foreach (Piece k in Pieces(gemm.K, tk))
                {
                    Piece s = streamed switch { GemmDimension.M => m, GemmDimension.N => n, _ => k };
                    bool fromPrevious = streams && !s.First, intoNext = streams && !s.Last;
                    bool inPes = streams && streamed == GemmDimension.K;
                    TileCost cost = array.Evaluate(gemm with { M = m.Size, N = n.Size, K = k.Size }).Streamed(fromPrevious, intoNext);
                    long count = m.Count * n.Count * k.Count;
                    cycles += count * cost.Cycles;
                    long spilled = spills ? (long)m.Size * n.Size * array.AccumulatorBits : 0;
                    ByteSize partials = cost.Traffic.PartialSumReads + (!k.First && !inPes ? new ByteSize((long)m.Size * n.Size * array.AccumulatorBits) : default);
                    ByteSize written = inPes && intoNext ? default : cost.Traffic.OutputWrites;
                    seconds += count * TileSeconds(array, cost, partials, written, spilledIn: k.First ? 0 : spilled, spilledOut: k.Last ? 0 : spilled);
                    aReads += count * cost.Traffic.ActivationReads.Bits;
                    wReads += count * cost.Traffic.WeightReads.Bits;
                    pReads += count * partials.Bits;
                    oWrites += count * written.Bits;
                    activities?.Add(cost.Activities, count);
                }
            }
        }

        TrafficByOperand sram = TrafficByOperand.None with
        {
            SramActivationReads = new ByteSize(aReads), SramWeightReads = new ByteSize(wReads),
            SramOutputReads = new ByteSize(pReads), SramOutputWrites = new ByteSize(oWrites),
        };
        return new ArrayEstimate(cycles, seconds, sram, activities);
    }

    private double TileSeconds(IPeModel array, TileCost cost, ByteSize partials, ByteSize written, long spilledIn, long spilledOut)
    {
        double seconds = cost.Cycles / (double)array.Clock.Hertz;
        foreach (SramBufferConfig buffer in buffers)
        {
            long reads = 0, writes = 0;
            foreach (Operand operand in buffer.Holds)
            {
                reads += operand switch
                {
                    Operand.Activations => cost.Traffic.ActivationReads.Bits,
                    Operand.Weights => cost.Traffic.WeightReads.Bits,
                    _ => partials.Bits + spilledOut,
                };
                writes += operand != Operand.Outputs ? 0 : written.Bits + spilledIn;
            }

            seconds = Math.Max(seconds, Math.Max(reads / (double)buffer.ReadBandwidth.BitsPerSecond, writes / (double)buffer.WriteBandwidth.BitsPerSecond));
        }

        return seconds;
    }

    /// <summary>
    /// Busy time of the core with the most output tiles, taking every (M, N) tile pair as costing the average: the
    /// cores get contiguous, near-equal runs of pairs (<see cref="GemmExecution"/>), so the busiest has the ceiling of
    /// pairs over cores.
    /// </summary>
    private double BusiestCoreShare(in GemmTile gemm, int tm, int tn, int repeat, double seconds)
    {
        long pairsPerRepeat = (long)CeilDiv(gemm.M, tm) * CeilDiv(gemm.N, tn);
        long pairs = repeat * pairsPerRepeat;
        return seconds / pairsPerRepeat * CeilDiv(pairs, Math.Min(cores, pairs));
    }

    /// <summary>
    /// DRAM traffic of all repeats. The cores split the (M, N) output tiles in contiguous runs along the loop order, and
    /// each core fetches what its own run needs into its own buffers: a run of P tiles covers min(P, I) indices of the
    /// inner of the M and N loops (I of them) and ⌈P / I⌉ of the outer. Within a run an operand is read once if the
    /// tiles it needs again are still in its buffer when they come round (all of them, when the loop that does not
    /// index it is outermost; one inner loop's worth when it is in the middle; the same tile, when innermost), else
    /// once per trip of that loop. The outputs are written once; spilled partial sums are written and read back once
    /// per K tile after the first (<paramref name="spilledBits"/> a partial sum, 0 when none spill). Also the share of
    /// the traffic that comes in the first trip of a run's outermost loop, and how many trips it has: an operand the
    /// buffers keep across that loop's trips is fetched whole in the first, the rest a trip's worth in each. An
    /// estimate that scores candidates; the run counts its traffic tile by tile.
    /// </summary>
    private static DramEstimate DramBits(in GemmTile gemm, int tm, int tn, int tk, LoopOrder order, long residentA, long residentW, int spilledBits,
        int cores = 1, int repeat = 1)
    {
        long tilesM = CeilDiv(gemm.M, tm), tilesN = CeilDiv(gemm.N, tn), tilesK = CeilDiv(gemm.K, tk);
        long perRepeat = tilesM * tilesN;
        long run = Math.Min(perRepeat, CeilDiv(repeat * perRepeat, Math.Min(cores, repeat * perRepeat)));
        long inner = order.MOutsideN ? tilesN : tilesM;
        long innerSpan = Math.Min(run, inner), outerSpan = CeilDiv(run, inner);
        long runM = order.MOutsideN ? outerSpan : innerSpan, runN = order.MOutsideN ? innerSpan : outerSpan;
        long Trips(GemmDimension d) => d switch { GemmDimension.M => runM, GemmDimension.N => runN, _ => tilesK };
        long Reads(long whole, GemmDimension unused, long tiles, long resident) => order.Depth(unused) switch
        {
            2 => whole,
            1 => Trips(order.Inner) <= resident ? whole : whole * Trips(unused),
            _ => tiles <= resident ? whole : whole * Trips(unused),
        };

        // One run's share of each operand: its rows of A and its columns of W.
        long aShare = gemm.Activation.TileBits(gemm.M, gemm.K) * runM / tilesM, wShare = gemm.Weight.TileBits(gemm.N, gemm.K) * runN / tilesN;
        long a = Reads(aShare, GemmDimension.N, runM * tilesK, residentA);
        long w = Reads(wShare, GemmDimension.M, runN * tilesK, residentW);
        long runs = CeilDiv(perRepeat, run);
        long partials = (tilesK - 1) * gemm.M * (long)gemm.N * spilledBits;
        long outputs = gemm.Activation.TileBits(gemm.M, gemm.N);
        var estimate = new DramEstimate(repeat * runs * a, repeat * runs * w, repeat * partials, repeat * outputs, 1, Trips(order.Outer));
        long trips = estimate.OuterTrips;
        double FirstTrip(long reads, long share, GemmDimension unused) => reads == share && unused == order.Outer ? share : reads / (double)trips;
        double first = repeat * ((runs * (FirstTrip(a, aShare, GemmDimension.N) + FirstTrip(w, wShare, GemmDimension.M))) + (((2 * partials) + outputs) / (double)trips));
        return estimate.Bits == 0 ? estimate : estimate with { FirstTripShare = first / estimate.Bits };
    }

    /// <summary>
    /// A dimension cut in tiles, as runs of same-sized tiles that are alike in position: the first tile, the tiles
    /// between, the last (an edge tile if the dimension does not divide).
    /// </summary>
    private static IEnumerable<Piece> Pieces(int dimension, int tile)
    {
        int size = Math.Min(tile, dimension);
        long count = CeilDiv(dimension, size);
        int last = dimension - (int)((count - 1) * size);
        if (count == 1)
        {
            yield return new Piece(last, 1, true, true);
            yield break;
        }

        yield return new Piece(size, 1, true, false);
        if (count > 2)
        {
            yield return new Piece(size, count - 2, false, false);
        }

        yield return new Piece(last, 1, false, true);
    }

    private static SortedSet<int> Candidates(int dimension, int granule)
    {
        var sizes = new SortedSet<int> { dimension };
        for (long size = Math.Max(1, granule); size < dimension; size *= 2)
        {
            sizes.Add((int)size);
        }

        return sizes;
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
