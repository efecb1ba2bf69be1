namespace AccelSim.Numerics;

/// <summary>
/// Seeded random matrices for tests, benchmarks and the quantize command: the same seed gives the same tensor on
/// every machine (drawn in row-major order by <see cref="SyntheticSamples"/>).
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
        new SyntheticSamples(distribution, cols, seed).Fill(values);
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
