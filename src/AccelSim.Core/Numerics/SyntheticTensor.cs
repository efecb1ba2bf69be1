using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace AccelSim.Numerics;

/// <summary>
/// Seeded random matrices for tests, benchmarks and the quantize command: the same seed gives the same tensor on
/// every machine (xoshiro256** from MathNet.Numerics, samples drawn in row-major order).
/// </summary>
public static class SyntheticTensor
{
    /// <summary>Share of channels made outliers by <see cref="Distribution.OutlierChannels"/>: LLM.int8() reports
    /// outlier features in well under 1% of hidden dimensions; 1% keeps at least one in small tensors.</summary>
    public const double OutlierChannelFraction = 0.01;

    /// <summary>How much larger outlier channels are. LLM.int8() (Dettmers et al., 2022) reports outlier magnitudes
    /// up to 20× the rest; 20 is used.</summary>
    public const double OutlierScale = 20;

    /// <summary>A rows×cols matrix, row-major.</summary>
    public static double[] Generate(Distribution distribution, int rows, int cols, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cols, 1);
        var values = new double[rows * cols];
        Fill(distribution, values, rows, cols, seed);
        return values;
    }

    /// <summary>The same matrix as <see cref="Generate"/>, written into <paramref name="values"/> (rows × cols long).</summary>
    public static void Fill(Distribution distribution, Span<double> values, int rows, int cols, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cols, 1);
        ArgumentOutOfRangeException.ThrowIfNotEqual(values.Length, rows * cols);
        var random = new Xoshiro256StarStar(seed, threadSafe: false);
        IContinuousDistribution source = distribution switch
        {
            Distribution.Gaussian or Distribution.OutlierChannels => new Normal(0, 1, random),
            Distribution.Laplace => new Laplace(0, 1 / Math.Sqrt(2), random),
            Distribution.StudentT => new StudentT(0, 1, 3, random),
            _ => throw new ArgumentOutOfRangeException(nameof(distribution)),
        };

        for (int i = 0; i < values.Length; i++)
        {
            values[i] = source.Sample();
        }

        if (distribution == Distribution.OutlierChannels)
        {
            int outliers = Math.Max(1, (int)Math.Round(cols * OutlierChannelFraction));
            int[] channels = [.. Enumerable.Range(0, cols).OrderBy(_ => random.Next()).Take(outliers)];
            foreach (int channel in channels)
            {
                for (int r = 0; r < rows; r++)
                {
                    values[(r * cols) + channel] *= OutlierScale;
                }
            }
        }
    }

    public static bool TryParse(string name, out Distribution distribution)
    {
        switch (name.Trim().ToLowerInvariant())
        {
            case "gaussian" or "normal":
                distribution = Distribution.Gaussian;
                return true;
            case "laplace":
                distribution = Distribution.Laplace;
                return true;
            case "student-t" or "studentt":
                distribution = Distribution.StudentT;
                return true;
            case "outlier-channels" or "outliers":
                distribution = Distribution.OutlierChannels;
                return true;
            default:
                distribution = default;
                return false;
        }
    }

    public static IReadOnlyList<string> Names { get; } = ["gaussian", "laplace", "student-t", "outlier-channels"];
}
