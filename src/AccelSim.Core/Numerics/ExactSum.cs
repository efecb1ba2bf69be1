using System.Numerics;

namespace AccelSim.Numerics;

/// <summary>
/// An exact running sum of dyadic rationals (doubles and products of two doubles): value = significand · 2^exponent
/// with an integer significand, so nothing is rounded until the caller asks for a rounded result.
/// </summary>
/// <remarks>
/// The significand lives in an Int128 while it fits with headroom (the common case for low-bit GEMMs, whose terms
/// share a narrow exponent range) and moves to a BigInteger when a term's exponent is far from the others.
/// </remarks>
public sealed class ExactSum
{
    // Keep two bits of headroom so the sum of two in-range values cannot overflow Int128.
    private const int SmallLimitBits = 125;

    private Int128 small;
    private BigInteger big;
    private bool isBig;
    private bool isEmpty = true;
    private int exponent;

    public bool IsZero => isBig ? big.IsZero : small == 0;

    public void Clear()
    {
        small = 0;
        big = BigInteger.Zero;
        isBig = false;
        isEmpty = true;
        exponent = 0;
    }

    public void Add(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException("An exact sum holds finite values only.", nameof(value));
        }

        (long significand, int exp) = Decompose(value);
        AddTerm(significand, exp);
    }

    /// <summary>Adds the exact product <paramref name="a"/> · <paramref name="b"/>.</summary>
    public void AddProduct(double a, double b)
    {
        if (!double.IsFinite(a) || !double.IsFinite(b))
        {
            throw new ArgumentException("An exact sum holds finite values only.");
        }

        (long sa, int ea) = Decompose(a);
        (long sb, int eb) = Decompose(b);
        AddTerm((Int128)sa * sb, ea + eb);
    }

    /// <summary>Adds significand · 2^exponent.</summary>
    public void AddTerm(Int128 significand, int termExponent)
    {
        if (significand == 0)
        {
            return;
        }

        if (isEmpty)
        {
            isEmpty = false;
            exponent = termExponent;
            if (BitLength(significand) <= SmallLimitBits)
            {
                small = significand;
            }
            else
            {
                isBig = true;
                big = (BigInteger)significand;
            }

            return;
        }

        if (!isBig)
        {
            if (termExponent >= exponent)
            {
                int shift = termExponent - exponent;
                if (shift < SmallLimitBits && BitLength(significand) + shift <= SmallLimitBits && BitLength(small) <= SmallLimitBits)
                {
                    small += significand << shift;
                    return;
                }
            }
            else
            {
                int shift = exponent - termExponent;
                if (shift < SmallLimitBits && BitLength(small) + shift <= SmallLimitBits && BitLength(significand) <= SmallLimitBits)
                {
                    small = (small << shift) + significand;
                    exponent = termExponent;
                    return;
                }
            }

            big = (BigInteger)small;
            isBig = true;
        }

        if (termExponent < exponent)
        {
            big <<= exponent - termExponent;
            exponent = termExponent;
        }

        big += (BigInteger)significand << (termExponent - exponent);
    }

    /// <summary>The exact value as significand · 2^exponent.</summary>
    public (BigInteger Significand, int Exponent) ToExact() => isBig ? (big, exponent) : ((BigInteger)small, exponent);

    /// <summary>The sum rounded once, to nearest-even, to a double.</summary>
    public double ToDouble() => Round(53, -1074, double.MaxValue);

    /// <summary>
    /// The sum rounded once, to nearest-even, to a binary format with <paramref name="precision"/> significand bits
    /// whose least significant bit can go no lower than 2^<paramref name="minExponent"/> (subnormals);
    /// magnitudes above <paramref name="maxFinite"/> after rounding become ±infinity (IEEE 754 overflow).
    /// </summary>
    public double Round(int precision, int minExponent, double maxFinite)
    {
        (BigInteger significand, int exp) = ToExact();
        if (significand.IsZero)
        {
            return 0;
        }

        int sign = significand.Sign;
        BigInteger magnitude = BigInteger.Abs(significand);
        long length = (long)magnitude.GetBitLength();
        long lsb = Math.Max(exp + length - precision, minExponent);
        if (lsb > exp)
        {
            int shift = (int)(lsb - exp);
            BigInteger quotient = magnitude >> shift;
            BigInteger remainder = magnitude - (quotient << shift);
            BigInteger half = BigInteger.One << (shift - 1);
            int comparison = remainder.CompareTo(half);
            if (comparison > 0 || (comparison == 0 && !quotient.IsEven))
            {
                quotient += 1;
            }

            magnitude = quotient;
            exp = (int)lsb;
        }

        // magnitude now has at most precision + 1 ≤ 54 bits, so the conversion and scaling are exact.
        double result = Math.ScaleB((double)(long)magnitude, exp);
        if (result > maxFinite)
        {
            result = double.PositiveInfinity;
        }

        return sign < 0 ? -result : result;
    }

    /// <summary>Splits a finite double into an odd (or zero) significand and an exponent.</summary>
    public static (long Significand, int Exponent) Decompose(double value)
    {
        if (value == 0)
        {
            return (0, 0);
        }

        long bits = BitConverter.DoubleToInt64Bits(value);
        int field = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        long significand = field == 0 ? fraction : fraction | (1L << 52);
        int exp = field == 0 ? -1074 : field - 1075;
        int zeros = BitOperations.TrailingZeroCount(significand);
        significand >>= zeros;
        exp += zeros;
        return (value < 0 ? -significand : significand, exp);
    }

    private static int BitLength(Int128 value)
    {
        Int128 magnitude = value < 0 ? -value : value;
        return 128 - (int)Int128.LeadingZeroCount(magnitude);
    }
}
