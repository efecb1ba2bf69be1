using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AccelSim.Numerics;

/// <summary>
/// The natural logarithm of a positive normal double from additions, multiplications and one division only, each
/// rounded as IEEE 754 prescribes, so that it gives the same bits on every machine and in every lane width (the
/// platform's <c>log</c> differs in the last bit between C libraries). x = m·2^e with m in [√½, √2); with
/// s = (m − 1)/(m + 1), ln m = 2·atanh s = 2s·Σ s^(2i)/(2i + 1), and |s| ≤ 0.1716 makes eleven terms reach 2^−52.
/// Within a few units in the last place of the true value: accurate enough to shape synthetic operands, which is all
/// it serves.
/// </summary>
public static class PortableLog
{
    // ln 2 split so that e·Ln2High is exact for |e| < 2^11 (Cody and Waite's reduction).
    private const double Ln2High = 6.93147180369123816490e-01;
    private const double Ln2Low = 1.90821492927058770002e-10;
    private const double Sqrt2 = 1.4142135623730951;
    private const long MantissaMask = 0x000F_FFFF_FFFF_FFFF;
    private const long One = 0x3FF0_0000_0000_0000;

    /// <summary>ln x for a positive normal x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        double e = (bits >> 52) - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & MantissaMask) | One);
        if (m > Sqrt2)
        {
            m *= 0.5;
            e += 1;
        }

        double s = (m - 1) / (m + 1);
        double z = s * s;
        return (e * Ln2High) + ((e * Ln2Low) + (2 * s * Series(z)));
    }

    /// <summary>ln of each lane (positive normal values): the same bits as <see cref="Log(double)"/> on each, with or without
    /// vector hardware.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> x)
    {
        Vector256<long> bits = x.AsInt64();
        // A 52-bit integer put in the mantissa of 2^52 reads back exactly: the biased exponent as a double.
        Vector256<double> e = (Vector256.ShiftRightLogical(bits, 52) | Vector256.Create(0x4330_0000_0000_0000L)).AsDouble()
            - Vector256.Create(4503599627370496.0 + 1023);
        Vector256<double> m = ((bits & Vector256.Create(MantissaMask)) | Vector256.Create(One)).AsDouble();
        Vector256<double> above = Vector256.GreaterThan(m, Vector256.Create(Sqrt2));
        m = Vector256.ConditionalSelect(above, m * 0.5, m);
        e += Vector256.Create(1.0) & above;
        Vector256<double> s = (m - Vector256.Create(1.0)) / (m + Vector256.Create(1.0));
        return (e * Ln2High) + ((e * Ln2Low) + (Vector256.Create(2.0) * s * Series(s * s)));
    }

    // Σ z^i/(2i + 1), i = 0…10, by Estrin's scheme (a shallow tree instead of Horner's chain of ten steps: the
    // latency, not the operation count, bounds this loop), in the same order for scalars and vectors.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Series(double z)
    {
        double z2 = z * z, z4 = z2 * z2, z8 = z4 * z4;
        double low = (1 + (z * (1.0 / 3))) + (((1.0 / 5) + (z * (1.0 / 7))) * z2);
        double middle = ((1.0 / 9) + (z * (1.0 / 11))) + (((1.0 / 13) + (z * (1.0 / 15))) * z2);
        double high = ((1.0 / 17) + (z * (1.0 / 19))) + ((1.0 / 21) * z2);
        return (low + (middle * z4)) + (high * z8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Series(Vector256<double> z)
    {
        Vector256<double> z2 = z * z, z4 = z2 * z2, z8 = z4 * z4;
        Vector256<double> low = (Vector256.Create(1.0) + (z * (1.0 / 3))) + ((Vector256.Create(1.0 / 5) + (z * (1.0 / 7))) * z2);
        Vector256<double> middle = (Vector256.Create(1.0 / 9) + (z * (1.0 / 11))) + ((Vector256.Create(1.0 / 13) + (z * (1.0 / 15))) * z2);
        Vector256<double> high = (Vector256.Create(1.0 / 17) + (z * (1.0 / 19))) + (Vector256.Create(1.0 / 21) * z2);
        return (low + (middle * z4)) + (high * z8);
    }
}
