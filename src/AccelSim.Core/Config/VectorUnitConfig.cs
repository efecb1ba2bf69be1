using AccelSim.Units;
using AccelSim.Workloads;

namespace AccelSim.Config;

/// <summary>
/// The vector unit of each core: <see cref="Lanes"/> elements per cycle, and per operation how many lane-cycles
/// one element costs (a softmax needs an exponent, a max, a sum and a divide per element).
/// </summary>
public sealed record VectorUnitConfig(int Lanes, Frequency Clock, IReadOnlyDictionary<VectorOpKind, int> CyclesPerElement)
{
    /// <summary>
    /// Defaults when a design does not say: lane-cycles per element, counted as the element-wise steps each
    /// operation needs on a SIMD unit with one multiply-add and one special-function op per lane per cycle
    /// (an AccelSim assumption, not a published figure; override with <c>vector.cycles_per_element</c>).
    /// </summary>
    public static IReadOnlyDictionary<VectorOpKind, int> DefaultCosts { get; } = new Dictionary<VectorOpKind, int>
    {
        [VectorOpKind.Softmax] = 4,   // max, subtract+exp, sum, scale
        [VectorOpKind.LayerNorm] = 4, // mean, variance, normalize, affine
        [VectorOpKind.RmsNorm] = 3,   // square-sum, normalize, scale
        [VectorOpKind.Gelu] = 2,
        [VectorOpKind.Silu] = 2,
        [VectorOpKind.Relu] = 1,
        [VectorOpKind.Rope] = 2,      // two multiply-adds per rotated pair element
        [VectorOpKind.Add] = 1,
        [VectorOpKind.Multiply] = 1,
    };

    /// <summary>Cycles of <see cref="Clock"/> that <paramref name="laneCycles"/> take over <paramref name="copies"/> vector units (one per core).</summary>
    public long Cycles(long laneCycles, int copies)
    {
        long lanes = (long)Lanes * copies;
        return (laneCycles + lanes - 1) / lanes;
    }
}
