using AccelSim.Numerics;

namespace AccelSim.Hardware;

/// <summary>
/// How the per-group PEs (shift-add, bit-serial, lut-core) hold an activation: as an integer, so that shifts, adds
/// and table sums stay exact. An integer activation is its own value. A narrow float is its value on the grid of its
/// smallest step (FP16: multiples of 2⁻²⁴, 40 bits of magnitude; FP8 E4M3: 2⁻⁹, 18 bits): in hardware its significand
/// goes through the shift-adds and an aligner shifts the result by the exponent into a wide fixed-point partial sum.
/// The step is a power of two that the group dequantizer folds into the activation scale.
/// </summary>
/// <param name="SignificandBits">Bits the shift-adds see: the integer, or the float's sign, hidden bit and mantissa.</param>
/// <param name="AlignBits">How far the aligner shifts a significand (0 for integers).</param>
/// <param name="StepExponent">The grid step is 2^StepExponent (0 for integers).</param>
public readonly record struct ActivationFixedPoint(int SignificandBits, int AlignBits, int StepExponent)
{
    /// <summary>Widest activation the PEs take: with 8-bit weights and 2⁸ products the partial sum stays within 62 bits.</summary>
    public const int MaxBits = 46;

    public bool IsFloat => AlignBits > 0;

    /// <summary>The fixed-point width, sign included.</summary>
    public int Bits => SignificandBits + AlignBits;

    /// <summary>
    /// The partial-sum register: room for 2⁸ full-scale products of <paramref name="weightBits"/>-bit weights, at
    /// least the 32 bits the integer PEs keep (a sum that leaves it wraps and is counted as an overflow).
    /// </summary>
    public int PartialSumBits(int weightBits) => Math.Max(32, Bits + weightBits + 8);

    /// <summary>The partial-sum register a PE needs to take every listed pair of formats.</summary>
    public static int WidestPartialSum(IEnumerable<NumericFormat> activations, IEnumerable<NumericFormat> weights)
    {
        int weightBits = weights.Select(w => w.Element.Bits).DefaultIfEmpty(8).Max();
        // A listed format the PE cannot hold is reported by the load-time check; it sizes nothing here.
        return activations.Select(a => TryOf(a, out ActivationFixedPoint f) ? f.PartialSumBits(weightBits) : 32).DefaultIfEmpty(32).Max();
    }

    /// <summary>How a GEMM with these activations is checked: integers as INT32 group sums, floats as exact group sums.</summary>
    public Accumulator Accumulator => IsFloat ? Accumulator.ExactGroupsFp32 : Accumulator.Int32GroupsFp32;

    public static ActivationFixedPoint Of(NumericFormat format) =>
        TryOf(format, out ActivationFixedPoint fixedPoint) ? fixedPoint : throw new ArgumentException(Unsupported(format));

    /// <summary>Null when the PEs can hold <paramref name="format"/> in fixed point; otherwise why not.</summary>
    public static string? Unsupported(NumericFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (TryOf(format, out _))
        {
            return null;
        }

        string why = format is CastFormat { Element: MiniFloatFormat { IsSigned: true } f }
            ? $"; {f.Name}'s exponent range needs {FloatBits(f)} fixed-point bits, more than {MaxBits}"
            : "";
        return "activations must be per-tensor scaled integers of up to 8 bits (such as int8) or unscaled floats whose values fit "
            + $"a {MaxBits}-bit fixed-point grid (fp16, fp8-e4m3, fp8-e5m2), so group sums stay exact; not {format.Name}{why}";
    }

    private static bool TryOf(NumericFormat format, out ActivationFixedPoint fixedPoint)
    {
        switch (format)
        {
            case ScaledIntFormat when format.Element.IsInteger && format.Element.Bits <= 8:
                fixedPoint = new ActivationFixedPoint(format.Element.Bits, 0, 0);
                return true;
            case CastFormat { Element: MiniFloatFormat { IsSigned: true } f } when FloatBits(f) <= MaxBits:
                int significand = f.MantissaBits + 2;
                fixedPoint = new ActivationFixedPoint(significand, FloatBits(f) - significand, StepOf(f));
                return true;
            default:
                fixedPoint = default;
                return false;
        }
    }

    /// <summary>Sign plus every bit from the smallest step to the largest finite value's top bit.</summary>
    private static int FloatBits(MiniFloatFormat f) => 1 + Math.ILogB(f.MaxFinite) + 1 - StepOf(f);

    private static int StepOf(MiniFloatFormat f) => Math.ILogB(f.MinNormal) - f.MantissaBits;

    /// <summary>
    /// Row <paramref name="row"/> of <paramref name="a"/> on the grid: integers as they are, floats divided by the
    /// step. False when the row holds a NaN or infinity, which fixed point cannot: the row's outputs are then NaN.
    /// </summary>
    public bool Row(QuantizedTensor a, int row, Span<long> values)
    {
        ArgumentNullException.ThrowIfNull(a);
        for (int x = 0; x < a.Length; x++)
        {
            double value = a.ElementValue(row, x);
            if (!double.IsFinite(value))
            {
                return false;
            }

            double scaled = Math.ScaleB(value, -StepExponent);
            values[x] = scaled == Math.Round(scaled)
                ? (long)scaled
                : throw new InvalidOperationException($"Activation {value:R} is not on the 2^{StepExponent} grid of {a.Format.Name}.");
        }

        return true;
    }

    /// <summary>The activation scale the dequantizer applies: the tensor's scale times the grid step.</summary>
    public double Scale(QuantizedTensor a, int row, int index)
    {
        ArgumentNullException.ThrowIfNull(a);
        return Math.ScaleB(a.Scale(row, index), StepExponent);
    }

    /// <summary>
    /// For each group of <paramref name="group"/> activations along the row: whether Σ|activation| · <paramref name="largest"/>
    /// (the largest weight magnitude) stays below a <paramref name="bits"/>-bit register's range, so that no prefix of
    /// the group's sum of products can wrap whatever the order (a datapath may then take the sum at once).
    /// </summary>
    public static void GroupsThatCannotWrap(ReadOnlySpan<long> activations, int group, long largest, int bits, Span<bool> into)
    {
        for (int start = 0, g = 0; start < activations.Length; start += group, g++)
        {
            Int128 magnitude = 0;
            for (int x = start; x < Math.Min(activations.Length, start + group); x++)
            {
                magnitude += Math.Abs(activations[x]);
            }

            into[g] = magnitude * largest < Int128.One << (bits - 1);
        }
    }

    /// <summary>A partial sum kept in a <paramref name="bits"/>-bit two's complement register; leaving it wraps and counts.</summary>
    public static long Wrap(long sum, int bits, ref long overflows)
    {
        int unused = 64 - bits;
        long kept = (sum << unused) >> unused;
        overflows += kept == sum ? 0 : 1;
        return kept;
    }
}
