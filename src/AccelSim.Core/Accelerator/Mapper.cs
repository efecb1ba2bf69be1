using AccelSim.Hardware;
using AccelSim.Memory.Sram;
using AccelSim.Units;

namespace AccelSim.Accelerator;

/// <summary>
/// Chooses tile sizes for a GEMM run on a unit's cores: every candidate made of multiples of the PE's granule (or
/// the whole dimension) that fits the buffers (half of each when double-buffered) is scored in closed form, and the
/// one with the least estimated time wins — time being the larger of the busiest core's compute cycles and the DRAM
/// transfer time — with less DRAM traffic, then larger tiles, breaking ties (estimates within 1 % are a tie). The cores split the (M, N) output
/// tiles between them, so a tile that covers the whole output would leave all cores but one idle: the busiest
/// core's share is what counts. Results are cached per shape, format and repeat count.
/// </summary>
public sealed class Mapper(IPeModel pe, IReadOnlyList<SramBufferConfig> buffers, Bandwidth? dramBandwidth, int cores = 1)
{
    /// <summary>
    /// Estimates within 1 % of each other count as a tie, broken by DRAM traffic: the estimate is not finer than
    /// that, and a tile 0.1 % faster on paper that re-reads an operand several times costs real energy.
    /// </summary>
    private const double Indistinct = 0.01;

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

    private TileChoice? Search(GemmTile gemm, int repeat)
    {
        TileGranule g = pe.Granule;
        TileChoice? best = null;
        double bestTime = double.MaxValue;
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

                    (long cycles, double busy) = ComputeCost(gemm, tm, tn, tk);
                    double busiest = BusiestCoreShare(gemm, tm, tn, repeat, busy);
                    foreach (bool mOuter in new[] { true, false })
                    {
                        long dram = repeat * DramReadBits(gemm, tm, tn, tk, mOuter, cores);
                        double seconds = EstimatedSeconds(gemm, tm, tn, tk, repeat, busiest, dram);
                        bool better = best is null || seconds < bestTime * (1 - Indistinct)
                            || (seconds <= bestTime * (1 + Indistinct) && (dram < best.DramReadBits
                                || (dram == best.DramReadBits && (long)tm * tn * tk > (long)best.TileM * best.TileN * best.TileK)));
                        if (better)
                        {
                            best = new TileChoice(tm, tn, tk, mOuter, dram, cycles);
                            bestTime = seconds;
                        }
                    }
                }
            }
        }

        return best;
    }

    /// <summary>
    /// A core's tiles form a pipeline: n tiles, each loaded in L and computed in C, take about
    /// L + (n − 1) · max(L, C) + C = max(n · L, n · C) + min(L, C), so besides the larger of compute and transfer
    /// time, the first load or the last compute (whichever is shorter) is exposed. L counts every active core
    /// fetching a tile at once over the shared DRAM; without a DRAM bandwidth (ideal memory) only compute counts.
    /// </summary>
    private double EstimatedSeconds(in GemmTile gemm, int tm, int tn, int tk, int repeat, double busiestSeconds, long dramBits)
    {
        double compute = busiestSeconds;
        if (dramBandwidth is not { } bw)
        {
            return compute;
        }

        long pairs = repeat * (long)CeilDiv(gemm.M, tm) * CeilDiv(gemm.N, tn);
        long active = Math.Min(cores, pairs);
        long tilesPerCore = CeilDiv(pairs, active) * CeilDiv(gemm.K, tk);
        long tileBits = gemm.Activation.StorageBits(Math.Min(tm, gemm.M), Math.Min(tk, gemm.K)) + gemm.Weight.StorageBits(Math.Min(tn, gemm.N), Math.Min(tk, gemm.K));
        double load = active * tileBits / (double)bw.BitsPerSecond;
        return Math.Max(compute, dramBits / (double)bw.BitsPerSecond) + Math.Min(load, compute / tilesPerCore);
    }

    /// <summary>Whether one tile of each operand fits the buffer that holds it.</summary>
    private bool Fits(in GemmTile gemm, int tm, int tn, int tk)
    {
        foreach (SramBufferConfig buffer in buffers)
        {
            long bits = 0;
            foreach (Operand operand in buffer.Holds)
            {
                bits += operand switch
                {
                    Operand.Activations => gemm.Activation.StorageBits(tm, tk),
                    Operand.Weights => gemm.Weight.StorageBits(tn, tk),
                    _ => (long)tm * tn * pe.AccumulatorBits,
                };
            }

            if (bits > buffer.TileRoom.Bits)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The array cycles of every tile, and the time the tiles keep the core busy: a tile takes no less than its
    /// buffer ports need to feed it (operand reads, partial sums read back for every K tile after the first, outputs
    /// written), as <see cref="GemmExecution"/> times it, so tiles that would starve the array on a narrow port score
    /// what they will really take.
    /// </summary>
    private (long Cycles, double Seconds) ComputeCost(in GemmTile gemm, int tm, int tn, int tk)
    {
        long cycles = 0;
        double seconds = 0;
        foreach ((int m, long countM) in Pieces(gemm.M, tm))
        {
            foreach ((int n, long countN) in Pieces(gemm.N, tn))
            {
                long first = 1;
                foreach ((int k, long countK) in Pieces(gemm.K, tk))
                {
                    TileCost cost = pe.Evaluate(gemm with { M = m, N = n, K = k });
                    cycles += countM * countN * countK * cost.Cycles;
                    seconds += countM * countN * ((first * TileSeconds(cost, m, n, accumulating: false))
                        + ((countK - first) * TileSeconds(cost, m, n, accumulating: true)));
                    first = 0;
                }
            }
        }

        return (cycles, seconds);
    }

    private double TileSeconds(TileCost cost, int m, int n, bool accumulating)
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
                    _ => partials.Bits,
                };
                writes += operand == Operand.Outputs ? cost.Traffic.OutputWrites.Bits : 0;
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
    /// DRAM reads with K innermost: an operand tile is fetched again whenever the tile before it on the core differed.
    /// With K cut in pieces every tile differs from the one before, so the cores' split does not matter; with K whole,
    /// a kept operand is reused along the inner loop, and each extra core starts by fetching one more tile of each
    /// operand (an estimate that scores candidates; the run counts its traffic tile by tile).
    /// </summary>
    public static long DramReadBits(in GemmTile gemm, int tm, int tn, int tk, bool mOuter, int cores = 1)
    {
        long tilesM = CeilDiv(gemm.M, tm), tilesN = CeilDiv(gemm.N, tn), tilesK = CeilDiv(gemm.K, tk);
        long a = gemm.Activation.StorageBits(gemm.M, gemm.K);
        long w = gemm.Weight.StorageBits(gemm.N, gemm.K);
        long aReads = mOuter ? (tilesK == 1 ? 1 : tilesN) : tilesN;
        long wReads = mOuter ? tilesM : (tilesK == 1 ? 1 : tilesM);
        long extraStarts = tilesK == 1 ? Math.Min(cores, tilesM * tilesN) - 1 : 0;
        long startBits = extraStarts * (gemm.Activation.StorageBits(Math.Min(tm, gemm.M), gemm.K) + gemm.Weight.StorageBits(Math.Min(tn, gemm.N), gemm.K));
        return (a * aReads) + (w * wReads) + startBits;
    }

    private static IEnumerable<(int Size, long Count)> Pieces(int dimension, int tile)
    {
        long full = dimension / tile;
        int edge = dimension % tile;
        if (full > 0)
        {
            yield return (tile, full);
        }

        if (edge > 0)
        {
            yield return (edge, 1);
        }
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
