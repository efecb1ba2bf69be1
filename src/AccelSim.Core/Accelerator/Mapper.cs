using AccelSim.Hardware;
using AccelSim.Memory.Sram;
using AccelSim.Units;

namespace AccelSim.Accelerator;

/// <summary>
/// Chooses tile sizes for a GEMM on one core: every candidate made of multiples of the PE's granule (or the whole
/// dimension) that fits the buffers (half of each when double-buffered) is scored in closed form, and the one with
/// the least estimated time wins — time being the larger of compute cycles and DRAM transfer time — with less DRAM
/// traffic, then larger tiles, breaking ties. Results are cached per shape and format.
/// </summary>
public sealed class Mapper(IPeModel pe, IReadOnlyList<SramBufferConfig> buffers, Bandwidth? dramBandwidth)
{
    private readonly Dictionary<GemmTile, TileChoice?> cache = [];

    public TileChoice? Choose(in GemmTile gemm)
    {
        if (!cache.TryGetValue(gemm, out TileChoice? choice))
        {
            choice = Search(gemm);
            cache[gemm] = choice;
        }

        return choice;
    }

    private TileChoice? Search(GemmTile gemm)
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

                    long cycles = ComputeCycles(gemm, tm, tn, tk);
                    foreach (bool mOuter in new[] { true, false })
                    {
                        long dram = DramReadBits(gemm, tm, tn, tk, mOuter);
                        double seconds = Math.Max(cycles / (double)pe.Clock.Hertz, dramBandwidth is { } bw ? dram / (double)bw.BitsPerSecond : 0);
                        bool better = best is null || seconds < bestTime * (1 - 1e-9)
                            || (seconds <= bestTime * (1 + 1e-9) && (dram < best.DramReadBits
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

    private long ComputeCycles(in GemmTile gemm, int tm, int tn, int tk)
    {
        long total = 0;
        foreach ((int m, long countM) in Pieces(gemm.M, tm))
        {
            foreach ((int n, long countN) in Pieces(gemm.N, tn))
            {
                foreach ((int k, long countK) in Pieces(gemm.K, tk))
                {
                    total += countM * countN * countK * pe.Evaluate(gemm with { M = m, N = n, K = k }).Cycles;
                }
            }
        }

        return total;
    }

    /// <summary>DRAM reads with K innermost: an operand tile is fetched again whenever the tile before it on the core differed.</summary>
    public static long DramReadBits(in GemmTile gemm, int tm, int tn, int tk, bool mOuter)
    {
        long tilesM = CeilDiv(gemm.M, tm), tilesN = CeilDiv(gemm.N, tn), tilesK = CeilDiv(gemm.K, tk);
        long a = gemm.Activation.StorageBits(gemm.M, gemm.K);
        long w = gemm.Weight.StorageBits(gemm.N, gemm.K);
        long aReads = mOuter ? (tilesK == 1 ? 1 : tilesN) : tilesN;
        long wReads = mOuter ? tilesM : (tilesK == 1 ? 1 : tilesM);
        return (a * aReads) + (w * wReads);
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
