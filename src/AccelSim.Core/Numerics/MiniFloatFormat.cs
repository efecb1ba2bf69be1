namespace AccelSim.Numerics;

/// <summary>
/// A binary floating-point format with a sign bit (optional), <see cref="ExponentBits"/> exponent bits,
/// <see cref="MantissaBits"/> stored mantissa bits and an exponent bias. Covers the OCP FP4/FP6/FP8 element
/// formats, FP16, BF16, FP32, the E8M0 scale and unsigned E4M3 scales.
/// </summary>
/// <remarks>
/// Encoding rounds as if the exponent range were unbounded and then applies the overflow rule, so a value just
/// above max finite rounds down to it under nearest-even when it lies below the midpoint to the next (virtual)
/// value, exactly as IEEE 754 and the OCP 8-bit spec describe. Signed zeros are kept. Encoding NaN gives the
/// format's canonical NaN code; a format without NaN refuses NaN. Infinity becomes ±infinity where representable,
/// else ±max finite (saturating) or NaN (non-saturating).
/// An unsigned format encodes a negative value as NaN where it has one, otherwise refuses it.
/// A format without subnormals and without zero (E8M0) saturates values below its smallest value to that value.
/// </remarks>
public sealed class MiniFloatFormat : IElementFormat
{
    private readonly int minExponent;
    private readonly int maxExponent;
    private readonly long maxSignificand;
    private readonly uint maxFiniteCode;

    public MiniFloatFormat(
        string name,
        int exponentBits,
        int mantissaBits,
        int bias,
        FloatSpecials specials,
        OverflowRule overflow,
        bool isSigned = true,
        bool subnormals = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(exponentBits, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(mantissaBits);
        if ((isSigned ? 1 : 0) + exponentBits + mantissaBits > 32)
        {
            throw new ArgumentException("A minifloat code must fit in 32 bits.", nameof(mantissaBits));
        }

        Name = name;
        ExponentBits = exponentBits;
        MantissaBits = mantissaBits;
        Bias = bias;
        Specials = specials;
        Overflow = overflow;
        IsSigned = isSigned;
        HasSubnormals = subnormals;
        Bits = (isSigned ? 1 : 0) + exponentBits + mantissaBits;

        int allOnesExponent = (1 << exponentBits) - 1;
        long allOnesMantissa = (1L << mantissaBits) - 1;
        (int maxField, long maxMantissa) = specials switch
        {
            FloatSpecials.None => (allOnesExponent, allOnesMantissa),
            FloatSpecials.Ieee => (allOnesExponent - 1, allOnesMantissa),
            _ when mantissaBits == 0 => (allOnesExponent - 1, 0L),
            _ => (allOnesExponent, allOnesMantissa - 1),
        };
        minExponent = subnormals ? 1 - bias : -bias;
        maxExponent = maxField - bias;
        maxSignificand = (1L << mantissaBits) + maxMantissa;
        maxFiniteCode = ((uint)maxField << mantissaBits) | (uint)maxMantissa;
        MaxFinite = Decode(maxFiniteCode);
        MinNormal = Math.ScaleB(1.0, minExponent);
        MinPositive = subnormals && mantissaBits > 0 ? Math.ScaleB(1.0, minExponent - mantissaBits) : MinNormal;
    }

    public string Name { get; }

    public int Bits { get; }

    public int ExponentBits { get; }

    public int MantissaBits { get; }

    public int Bias { get; }

    public FloatSpecials Specials { get; }

    public OverflowRule Overflow { get; }

    public bool IsSigned { get; }

    public bool HasSubnormals { get; }

    public double MaxFinite { get; }

    public double MinFinite => IsSigned ? -MaxFinite : (HasSubnormals ? 0 : MinPositive);

    public double MinPositive { get; }

    public double MinNormal { get; }

    public bool HasNaN => Specials != FloatSpecials.None;

    public bool HasInfinity => Specials == FloatSpecials.Ieee;

    public bool IsInteger => false;

    private uint SignBit => IsSigned ? 1u << (ExponentBits + MantissaBits) : 0u;

    /// <summary>The canonical (positive, quiet) NaN code.</summary>
    public uint NaNCode => Specials switch
    {
        FloatSpecials.Ieee => ((uint)((1 << ExponentBits) - 1) << MantissaBits) | (MantissaBits > 0 ? 1u << (MantissaBits - 1) : 0u),
        FloatSpecials.NanAtAllOnes => (uint)((1L << (ExponentBits + MantissaBits)) - 1),
        _ => throw new InvalidOperationException($"{Name} has no NaN."),
    };

    /// <summary>The code of +infinity.</summary>
    public uint PositiveInfinityCode => HasInfinity
        ? (uint)((1 << ExponentBits) - 1) << MantissaBits
        : throw new InvalidOperationException($"{Name} has no infinity.");

    public bool IsCode(uint code) => Bits == 32 || code < 1u << Bits;

    public double Decode(uint code)
    {
        bool negative = (code & SignBit) != 0;
        int field = (int)((code >> MantissaBits) & ((1u << ExponentBits) - 1));
        long mantissa = code & (long)((1UL << MantissaBits) - 1);
        int allOnes = (1 << ExponentBits) - 1;
        double magnitude;
        if (Specials == FloatSpecials.Ieee && field == allOnes)
        {
            magnitude = mantissa == 0 ? double.PositiveInfinity : double.NaN;
        }
        else if (Specials == FloatSpecials.NanAtAllOnes && field == allOnes && mantissa == (1L << MantissaBits) - 1)
        {
            magnitude = double.NaN;
        }
        else if (field == 0 && HasSubnormals)
        {
            magnitude = Math.ScaleB(mantissa, minExponent - MantissaBits);
        }
        else
        {
            magnitude = Math.ScaleB((1L << MantissaBits) + mantissa, field - Bias - MantissaBits);
        }

        return negative ? -magnitude : magnitude;
    }

    public uint Encode(double value, Rounding rounding = default)
    {
        if (double.IsNaN(value))
        {
            return HasNaN ? NaNCode : throw new ArgumentException($"{Name} has no NaN: cannot encode NaN.", nameof(value));
        }

        bool negative = double.IsNegative(value);
        if (negative && !IsSigned)
        {
            if (value == 0)
            {
                return EncodeMagnitude(0, rounding);
            }

            return HasNaN ? NaNCode : throw new ArgumentException($"{Name} is unsigned: cannot encode {value}.", nameof(value));
        }

        uint magnitudeCode = double.IsInfinity(value) ? InfinityOrSaturation(rounding) : EncodeMagnitude(Math.Abs(value), rounding);
        bool isNaNCode = HasNaN && magnitudeCode == NaNCode;
        return negative && !isNaNCode ? magnitudeCode | SignBit : magnitudeCode;
    }

    private uint EncodeMagnitude(double magnitude, Rounding rounding)
    {
        if (magnitude == 0)
        {
            // With subnormals code 0 is +0; without (E8M0), code 0 is the smallest value and zero saturates to it.
            return 0u;
        }

        // Anything this far beyond the top binade overflows whatever the rounding; checking first keeps ScaleB exact.
        int exponent = Math.ILogB(magnitude);
        if (exponent > maxExponent + 1)
        {
            return OverflowCode(rounding);
        }

        exponent = Math.Max(exponent, minExponent);
        double scaled = Math.ScaleB(magnitude, MantissaBits - exponent);
        double significand = rounding.ToInteger(scaled);
        if (MantissaBits == 0 && rounding.Mode == RoundingMode.NearestEven && scaled == 1.5)
        {
            // A format of exponents only (E8M0): 1.5 × 2^e is as near 2^e as 2^(e+1), and both significands are 1, so
            // the tie goes to the even code, the even biased exponent, as ties-to-even does on the last bit stored.
            significand = ((exponent + Bias) & 1) == 0 ? 1 : 2;
        }

        long hidden = 1L << MantissaBits;
        if (!HasSubnormals && significand < hidden)
        {
            significand = hidden;
        }

        if (significand == 0)
        {
            return 0u;
        }

        if (significand >= 2 * hidden)
        {
            significand /= 2;
            exponent++;
        }

        if (exponent > maxExponent || (exponent == maxExponent && significand > maxSignificand))
        {
            return OverflowCode(rounding);
        }

        long q = (long)significand;
        if (q < hidden)
        {
            return (uint)q; // subnormal: exponent field 0
        }

        return ((uint)(exponent + Bias) << MantissaBits) | (uint)(q - hidden);
    }

    private uint OverflowCode(Rounding rounding)
    {
        if (Overflow == OverflowRule.Saturate || rounding.Mode == RoundingMode.TowardZero || Specials == FloatSpecials.None)
        {
            return maxFiniteCode;
        }

        return HasInfinity ? PositiveInfinityCode : NaNCode;
    }

    private uint InfinityOrSaturation(Rounding rounding) => HasInfinity
        ? PositiveInfinityCode
        : Overflow == OverflowRule.Saturate || Specials == FloatSpecials.None ? maxFiniteCode : NaNCode;

    public override string ToString() => Name;
}
