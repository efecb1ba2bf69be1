using AccelSim.Hardware;
using AccelSim.Memory.Sram;
using AccelSim.Units;

namespace AccelSim.Accelerator;

/// <summary>
/// Chooses how a GEMM runs on a unit's cores: every tile size made of multiples of the PE's granule (or the whole
/// dimension) that fits the buffers (half of each when double-buffered), under every loop order, is scored in closed
/// form, and the one with the least estimated time wins — time being the larger of the busiest core's compute time
/// and the DRAM transfer time — with less DRAM traffic, then larger tiles, then the earlier loop order breaking ties
/// (estimates within 1 % are a tie). A loop order with the PE's streamed dimension innermost lets a one-fold tile's
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
    Func<GemmTile, int, TileChoice, SimTime>? trial = null, bool fixedSchedule = false)
{
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
    internal IReadOnlyList<TileChoice> Schedules(in GemmTile gemm, int repeat = 1) => [.. Score(gemm, repeat).Scored.Select(s => s.Choice)];

    private TileChoice? Search(GemmTile gemm, int repeat)
    {
        (TileChoice? best, double bestTime, List<(double Seconds, TileChoice Choice)> scored) = Score(gemm, repeat);
        long Tiles(TileChoice c) => repeat * CeilDiv(gemm.M, c.TileM) * CeilDiv(gemm.N, c.TileN) * CeilDiv(gemm.K, c.TileK);
        if (best is null || trial is null || fixedSchedule || dramBandwidth is null || Tiles(best) > TrialTiles)
        {
            return best;
        }

        // The best-scored first, then the next best by score (a stable sort keeps enumeration order on equal scores).
        List<TileChoice> shortlist = scored.Where(s => s.Seconds <= bestTime * TrialSpread).OrderBy(s => s.Seconds).Select(s => s.Choice)
            .Where(c => c != best && Tiles(c) <= TrialTiles).Take(Shortlist - 1).Prepend(best).ToList();
        return shortlist.Count == 1 ? best : shortlist.Select(c => (Time: trial(gemm, repeat, c), Choice: c)).MinBy(t => t.Time).Choice;
    }

    private (TileChoice? Best, double BestTime, List<(double Seconds, TileChoice Choice)> Scored) Score(GemmTile gemm, int repeat)
    {
        TileGranule g = pe.Granule;
        TileChoice? best = null;
        double bestTime = double.MaxValue;
        var scored = new List<(double Seconds, TileChoice Choice)>();
        IReadOnlyList<LoopOrder> orders = fixedSchedule ? [LoopOrder.All[0]] : LoopOrder.All;
        foreach (int tm in Candidates(gemm.M, g.M))
        {
            foreach (int tn in Candidates(gemm.N, g.N))
            {
                foreach (int tk in Candidates(gemm.K, g.K))
                {
                    if (!Fits(gemm, tm, tn, tk))
                    {
                        continue;
                    }

                    bool oneFold = g.IsOneFold(Math.Min(tm, gemm.M), Math.Min(tn, gemm.N), Math.Min(tk, gemm.K));
                    var costs = new Dictionary<(bool Streams, bool Spills), (long Cycles, double Busy)>();
                    long residentA = Resident(Operand.Activations, gemm, tm, tn, tk), residentW = Resident(Operand.Weights, gemm, tm, tn, tk);
                    foreach (LoopOrder order in orders)
                    {
                        bool streams = oneFold && order.Inner == g.Streamed;
                        bool spills = SpillsPartials(gemm, tm, tn, tk, order, repeat);
                        if (!costs.TryGetValue((streams, spills), out (long Cycles, double Busy) cost))
                        {
                            cost = ComputeCost(gemm, tm, tn, tk, streams, spills);
                            costs[(streams, spills)] = cost;
                        }

                        (long cycles, double busy) = cost;
                        double busiest = BusiestCoreShare(gemm, tm, tn, repeat, busy);
                        (long dram, double upFront, long trips) = DramBits(gemm, tm, tn, tk, order, residentA, residentW, spills ? pe.AccumulatorBits : 0, cores, repeat);
                        double seconds = EstimatedSeconds(gemm, tm, tn, tk, repeat, busiest, dram, upFront, trips);
                        var candidate = new TileChoice(tm, tn, tk, order, streams, spills, residentA, residentW, dram, cycles);
                        scored.Add((seconds, candidate));
                        bool better = best is null || seconds < bestTime * (1 - Indistinct)
                            || (seconds <= bestTime * (1 + Indistinct) && (dram < best.DramBits
                                || (dram == best.DramBits && (long)tm * tn * tk > (long)best.TileM * best.TileN * best.TileK)));
                        if (better)
                        {
                            best = candidate;
                            bestTime = seconds;
                        }
                    }
                }
            }
        }

        return (best, bestTime, scored);
    }

    /// <summary>
    /// A core's tiles form a pipeline: n tiles, each loaded in L and computed in C, take about
    /// L + (n − 1) · max(L, C) + C = max(n · L, n · C) + min(L, C), so besides the larger of compute and transfer
    /// time, the first load or the last compute (whichever is shorter) is exposed. L counts every active core
    /// fetching a tile at once over the shared DRAM; without a DRAM bandwidth (ideal memory) only compute counts.
    /// Transfers are not spread evenly when an operand the buffers keep is fetched whole during the first trip of the
    /// outermost loop (<paramref name="upFront"/>: that trip's share of the traffic; it has 1 / <paramref name="trips"/>
    /// of the compute): that trip and the rest are each bound by the larger of their compute and their transfers.
    /// </summary>
    private double EstimatedSeconds(in GemmTile gemm, int tm, int tn, int tk, int repeat, double busiestSeconds, long dramBits, double upFront, long trips)
    {
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
    private long TileBits(Operand operand, in GemmTile gemm, int tm, int tn, int tk) => operand switch
    {
        Operand.Activations => gemm.Activation.TileBits(Math.Min(tm, gemm.M), Math.Min(tk, gemm.K)),
        Operand.Weights => gemm.Weight.TileBits(Math.Min(tn, gemm.N), Math.Min(tk, gemm.K)),
        _ => (long)Math.Min(tm, gemm.M) * Math.Min(tn, gemm.N) * pe.AccumulatorBits,
    };

    /// <summary>Whether one tile of each operand fits the buffer that holds it.</summary>
    private bool Fits(in GemmTile gemm, int tm, int tn, int tk)
    {
        foreach (SramBufferConfig buffer in buffers)
        {
            long bits = 0;
            foreach (Operand operand in buffer.Holds)
            {
                bits += TileBits(operand, gemm, tm, tn, tk);
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
    private long Resident(Operand operand, in GemmTile gemm, int tm, int tn, int tk)
    {
        SramBufferConfig buffer = buffers.First(b => b.Holds.Contains(operand));
        int slots = buffer.DoubleBuffered ? 2 : 1;
        long room = buffer.Capacity.Bits - (slots * OthersTileBits(buffer, operand, gemm, tm, tn, tk));
        return Math.Max(slots, room / Math.Max(1, TileBits(operand, gemm, tm, tn, tk)));
    }

    /// <summary>
    /// Whether the partial sums a loop order keeps in flight outgrow the output buffer: one output tile with K
    /// innermost; every output tile along the inner loop with K in the middle; the core's whole share of the output
    /// with K outermost.
    /// </summary>
    private bool SpillsPartials(in GemmTile gemm, int tm, int tn, int tk, LoopOrder order, int repeat)
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
        long room = buffer.TileRoom.Bits - OthersTileBits(buffer, Operand.Outputs, gemm, tm, tn, tk);
        return tiles * TileBits(Operand.Outputs, gemm, tm, tn, tk) > room;
    }

    /// <summary>One tile of each operand a buffer holds besides <paramref name="operand"/>.</summary>
    private long OthersTileBits(SramBufferConfig buffer, Operand operand, in GemmTile gemm, int tm, int tn, int tk)
    {
        long bits = 0;
        foreach (Operand other in buffer.Holds.Where(o => o != operand))
        {
            bits += TileBits(other, gemm, tm, tn, tk);
        }

        return bits;
    }

    /// <summary>
    /// The array cycles of every tile, and the time the tiles keep the core busy: a tile takes no less than its
    /// buffer ports need to feed it (operand reads, partial sums read back for every K tile after the first, outputs
    /// written), as <see cref="GemmExecution"/> times it. With <paramref name="streams"/>, each fold's stream runs
    /// through its tiles, paying its head and tail once, and an output-stationary fold keeps its partial sums in the
    /// PEs across K tiles (neither written out nor read back until the last). With <paramref name="spills"/>, the
    /// output buffer's ports also take the spilled partial sums in from DRAM and out to it.
    /// </summary>
    private (long Cycles, double Seconds) ComputeCost(in GemmTile gemm, int tm, int tn, int tk, bool streams, bool spills)
    {
        GemmDimension streamed = pe.Granule.Streamed;
        long cycles = 0;
        double seconds = 0;
        foreach (Piece m in Pieces(gemm.M, tm))
        {
            foreach (Piece n in Pieces(gemm.N, tn))
            {
                foreach (Piece k in Pieces(gemm.K, tk))
                {
                    Piece s = streamed switch { GemmDimension.M => m, GemmDimension.N => n, _ => k };
                    bool fromPrevious = streams && !s.First, intoNext = streams && !s.Last;
                    bool inPes = streams && streamed == GemmDimension.K;
                    TileCost cost = pe.Evaluate(gemm with { M = m.Size, N = n.Size, K = k.Size }).Streamed(fromPrevious, intoNext);
                    long count = m.Count * n.Count * k.Count;
                    cycles += count * cost.Cycles;
                    long spilled = spills ? (long)m.Size * n.Size * pe.AccumulatorBits : 0;
                    seconds += count * TileSeconds(cost, m.Size, n.Size, accumulating: !k.First && !inPes, writesOut: !(inPes && intoNext),
                        spilledIn: k.First ? 0 : spilled, spilledOut: k.Last ? 0 : spilled);
                }
            }
        }

        return (cycles, seconds);
    }

    private double TileSeconds(TileCost cost, int m, int n, bool accumulating, bool writesOut, long spilledIn, long spilledOut)
    {
        double seconds = cost.Cycles / (double)pe.Clock.Hertz;
        ByteSize partials = cost.Traffic.PartialSumReads + (accumulating ? new ByteSize((long)m * n * pe.AccumulatorBits) : default);
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
                writes += operand != Operand.Outputs ? 0 : (writesOut ? cost.Traffic.OutputWrites.Bits : 0) + spilledIn;
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
    private static (long Bits, double FirstTripShare, long OuterTrips) DramBits(in GemmTile gemm, int tm, int tn, int tk, LoopOrder order, long residentA, long residentW, int spilledBits,
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
        long partials = 2 * (tilesK - 1) * gemm.M * (long)gemm.N * spilledBits;
        long outputs = gemm.Activation.TileBits(gemm.M, gemm.N);
        long total = repeat * ((runs * (a + w)) + partials + outputs);
        long trips = Trips(order.Outer);
        double FirstTrip(long reads, long share, GemmDimension unused) => reads == share && unused == order.Outer ? share : reads / (double)trips;
        double first = repeat * ((runs * (FirstTrip(a, aShare, GemmDimension.N) + FirstTrip(w, wShare, GemmDimension.M))) + ((partials + outputs) / (double)trips));
        return (total, total == 0 ? 1 : first / total, trips);
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
