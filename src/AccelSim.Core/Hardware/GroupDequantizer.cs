using System.Numerics;
using AccelSim.Cost;

namespace AccelSim.Hardware;

/// <summary>
/// The unit at the end of a quantization group in PEs that dequantize per group (MixPE's shift-add, BitMoD's
/// bit-serial, the LUT tensor core): it multiplies the group's integer partial sum by the activation and weight
/// scales and rounds the product once to FP32. The product is formed exactly (an integer significand and a power of
/// two), then rounded to odd at 53 bits and to nearest-even at FP32's 24, which is one correct rounding.
/// </summary>
public static class GroupDequantizer
{
    /// <summary>Outputs leave the dequantizer as FP32.</summary>
    public const int OutputBits = 32;

    /// <summary>
    /// Cycles of one column fold of an output-stationary array with one dequantizer per column: each row fold streams
    /// <paramref name="serial"/> cycles, or its rows' group sums (one per cycle) if there are more. A fold holding the
    /// last few rows of M has only those rows' sums to dequantize.
    /// </summary>
    public static long RowFoldStreams(long m, int rows, long serial, long groups)
    {
        long full = m / rows, rest = m % rows;
        return (full * Math.Max(serial, rows * groups)) + (rest > 0 ? Math.Max(serial, rest * groups) : 0);
    }

    /// <summary>
    /// What the column dequantizers do for a tile: per output and group an int-to-float shift, an FP32 multiply by
    /// the two scales and an FP32 add; with zero points also a zero point × activation-sum multiply and add, and an
    /// add per activation for the group's activation sum.
    /// </summary>
    public static void CountActivities(ActivityCounts counts, int m, int n, int k, long groups, int activationBits, int weightBits, bool zeroPoints, int partialSumBits)
    {
        ArgumentNullException.ThrowIfNull(counts);
        long outputsTimesGroups = (long)m * n * groups;
        counts.Add(Activity.Shift(ArithmeticType.Int(partialSumBits)), outputsTimesGroups);
        counts.Add(Activity.Multiply(ArithmeticType.Fp32, ArithmeticType.Fp32), outputsTimesGroups);
        counts.Add(Activity.Add(ArithmeticType.Fp32), outputsTimesGroups);
        if (zeroPoints)
        {
            counts.Add(Activity.Add(ArithmeticType.Int(activationBits + 8)), (long)m * k);
            counts.Add(Activity.Multiply(ArithmeticType.Int(weightBits), ArithmeticType.Int(activationBits + 8)), outputsTimesGroups);
            counts.Add(Activity.Add(ArithmeticType.Int(partialSumBits)), outputsTimesGroups);
        }
    }

    /// <summary>One dequantizer per column, for area: its int-to-float shifter, FP32 multiplier and FP32 adder.</summary>
    public static IEnumerable<AreaItem> Parts(string component, long count, int partialSumBits) =>
    [
        new(component, Activity.Shift(ArithmeticType.Int(partialSumBits)), count),
        new(component, Activity.Multiply(ArithmeticType.Fp32, ArithmeticType.Fp32), count),
        new(component, Activity.Add(ArithmeticType.Fp32), count),
    ];

    public static float ToFp32(long groupSum, double activationScale, double weightScale)
    {
        if (!double.IsFinite(activationScale) || !double.IsFinite(weightScale))
        {
            return (float)(groupSum * activationScale * weightScale);
        }

        (long sa, int ea) = Significand(activationScale);
        (long sw, int ew) = Significand(weightScale);
        if (groupSum == 0 || sa == 0 || sw == 0)
        {
            return 0f;
        }

        // Scales are FP16 or FP32 values (at most 24 significant bits), so 64 + 24 + 24 bits fit an Int128.
        if (BitLength(sa) + BitLength(sw) + 64 > 126)
        {
            throw new ArgumentException("Scales wider than 31 significant bits are not supported by the dequantizer.");
        }

        Int128 product = (Int128)groupSum * sa * sw;
        int exponent = ea + ew;
        bool negative = product < 0;
        var magnitude = (UInt128)(negative ? -product : product);
        int length = 128 - (int)UInt128.LeadingZeroCount(magnitude);
        if (length > 53)
        {
            int shift = length - 53;
            UInt128 kept = magnitude >> shift;
            if ((magnitude & ((UInt128.One << shift) - 1)) != 0)
            {
                kept |= 1; // round to odd: remembers that bits were dropped, so the FP32 rounding below is correct
            }

            magnitude = kept;
            exponent += shift;
        }

        double value = Math.ScaleB((double)(ulong)magnitude, exponent);
        return (float)(negative ? -value : value);
    }

    /// <summary>A finite double as an odd integer significand times a power of two.</summary>
    private static (long Significand, int Exponent) Significand(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int biased = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xF_FFFF_FFFF_FFFFL;
        long significand = biased == 0 ? fraction : fraction | (1L << 52);
        int exponent = (biased == 0 ? 1 : biased) - 1075;
        if (significand == 0)
        {
            return (0, 0);
        }

        int zeros = BitOperations.TrailingZeroCount(significand);
        significand >>= zeros;
        exponent += zeros;
        return (value < 0 ? -significand : significand, exponent);
    }

    private static int BitLength(long value) => 64 - BitOperations.LeadingZeroCount((ulong)Math.Abs(value));
}
