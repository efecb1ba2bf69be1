using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AccelSim.Numerics;

/// <summary>
/// The samples of a seeded synthetic rows×cols matrix in row-major order, drawn a span at a time so that a large
/// tensor can be made in pieces: the pieces, concatenated, are the same values <see cref="SyntheticTensor.Generate"/>
/// gives at once. Draws come from <see cref="PortableRandom"/> and are shaped with <see cref="PortableLog"/> and
/// IEEE-rounded arithmetic only, so a seed gives the same bytes on every machine.
/// </summary>
public sealed class SyntheticSamples
{
    // Laplace with scale b has variance 2b²: b = 1/√2 gives unit variance.
    private static readonly double LaplaceScale = 1 / Math.Sqrt(2);
    private readonly Distribution distribution;
    private readonly int cols;
    private readonly bool[]? outlier;
    private readonly double[] pending = new double[4];
    private int pendingCount;
    private PortableRandomLanes lanes;
    private PortableRandom random;
    private double spare = double.NaN;
    private long position;

    public SyntheticSamples(Distribution distribution, int cols, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cols, 1);
        if (!Enum.IsDefined(distribution))
        {
            throw new ArgumentOutOfRangeException(nameof(distribution));
        }

        this.distribution = distribution;
        this.cols = cols;
        random = new PortableRandom(seed);
        lanes = new PortableRandomLanes(seed);
        if (distribution == Distribution.OutlierChannels)
        {
            // The outlier channels first, as a partial Fisher-Yates shuffle of the column indices.
            outlier = new bool[cols];
            int count = Math.Max(1, (int)Math.Round(cols * SyntheticTensor.OutlierChannelFraction));
            int[] order = [.. Enumerable.Range(0, cols)];
            for (int i = 0; i < count; i++)
            {
                int j = i + random.NextBelow(cols - i);
                (order[i], order[j]) = (order[j], order[i]);
                outlier[order[i]] = true;
            }
        }
    }

    /// <summary>The next <c>values.Length</c> samples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one call draws millions: compiled for speed at once
    public void Fill(Span<double> values)
    {
        if (distribution == Distribution.Laplace)
        {
            FillLaplace(values);
        }
        else
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = distribution == Distribution.StudentT ? StudentT() : Normal();
            }
        }

        if (outlier is not null)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (outlier[(int)((position + i) % cols)])
                {
                    values[i] *= SyntheticTensor.OutlierScale;
                }
            }
        }

        position += values.Length;
    }

    /// <summary>
    /// ±b·(−ln u), four at a time: each lane's draw gives u = 2 − x in (0, 1] from x in [1, 2) made of its top 52 bits,
    /// and the sign from bit 11. Samples a vector made beyond the span asked for wait for the next call, so that pieces
    /// concatenate to the whole.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FillLaplace(Span<double> values)
    {
        int i = 0;
        for (; i < values.Length && pendingCount > 0; i++)
        {
            values[i] = pending[pending.Length - pendingCount--];
        }

        // The generators' state in registers for the loop, not in this object's fields (each step would wait on the
        // stores of the one before).
        PortableRandomLanes local = lanes;
        for (; i + 4 <= values.Length; i += 4)
        {
            LaplaceStep(ref local).StoreUnsafe(ref values[i]);
        }

        if (i < values.Length)
        {
            LaplaceStep(ref local).StoreUnsafe(ref pending[0]);
            pendingCount = pending.Length;
            for (; i < values.Length; i++)
            {
                values[i] = pending[pending.Length - pendingCount--];
            }
        }

        lanes = local;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LaplaceStep(ref PortableRandomLanes random)
    {
        Vector256<ulong> bits = random.Next();
        Vector256<double> x = ((bits >>> 12) | Vector256.Create(0x3FF0_0000_0000_0000UL)).AsDouble();
        Vector256<double> magnitude = Vector256<double>.Zero - (PortableLog.Log(Vector256.Create(2.0) - x) * LaplaceScale);
        return (magnitude.AsUInt64() | ((bits >>> 11) << 63)).AsDouble();
    }

    /// <summary>Marsaglia's polar method: two standard normals per accepted pair of uniforms in the unit disc.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Normal()
    {
        if (!double.IsNaN(spare))
        {
            double kept = spare;
            spare = double.NaN;
            return kept;
        }

        while (true)
        {
            double u = (2 * PortableRandom.UnitOf(random.Next())) - 1, v = (2 * PortableRandom.UnitOf(random.Next())) - 1;
            double s = (u * u) + (v * v);
            if (s is > 0 and < 1)
            {
                double factor = Math.Sqrt(-2 * PortableLog.Log(s) / s);
                spare = v * factor;
                return u * factor;
            }
        }
    }

    /// <summary>Student's t with 3 degrees of freedom: Z / √(χ²₃/3), the χ² a sum of three squared normals.</summary>
    private double StudentT()
    {
        double z = Normal(), a = Normal(), b = Normal(), c = Normal();
        return z / Math.Sqrt(((a * a) + (b * b) + (c * c)) / 3);
    }
}
