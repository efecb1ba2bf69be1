using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AccelSim.Numerics;

/// <summary>
/// An n-bit integer: two's complement when signed, optionally symmetric ("narrow": the -2^(n-1) code is unused so
/// the range is ±(2^(n-1)-1)). Integers have no NaN or infinity: out-of-range values and ±∞ saturate to the
/// nearest end of the range, and encoding NaN is an error.
/// </summary>
public sealed class IntFormat : IElementFormat
{
    public IntFormat(string name, int bits, bool isSigned, bool narrow = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 31);
        if (narrow && (!isSigned || bits < 2))
        {
            throw new ArgumentException("A symmetric (narrow) integer format must be signed and at least 2 bits wide.", nameof(narrow));
        }

        Name = name;
        Bits = bits;
        IsSigned = isSigned;
        IsNarrow = narrow;
        Max = isSigned ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        Min = isSigned ? (narrow ? -Max : -(1L << (bits - 1))) : 0;
    }

    public string Name { get; }

    public int Bits { get; }

    public bool IsSigned { get; }

    public bool IsNarrow { get; }

    public long Min { get; }

    public long Max { get; }

    public double MaxFinite => Max;

    public double MinFinite => Min;

    public double MinPositive => 1;

    public double MinNormal => 1;

    public bool HasNaN => false;

    public bool HasInfinity => false;

    public bool IsInteger => true;

    private uint Mask => (uint)((1L << Bits) - 1);

    public bool IsCode(uint code) => code <= Mask && !(IsNarrow && code == 1u << (Bits - 1));

    public double Decode(uint code) => ToInteger(code);

    /// <summary>The integer a code stands for (two's complement sign extension when signed).</summary>
    public long ToInteger(uint code)
    {
        long raw = code & Mask;
        return IsSigned && raw >= 1L << (Bits - 1) ? raw - (1L << Bits) : raw;
    }

    /// <summary>The code of an integer inside [<see cref="Min"/>, <see cref="Max"/>].</summary>
    public uint FromInteger(long value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, Min);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Max);
        return unchecked((uint)value) & Mask; // two's complement bits
    }

    public uint Encode(double value, Rounding rounding = default)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentException($"{Name} has no NaN: cannot encode NaN.", nameof(value));
        }

        double rounded = double.IsInfinity(value) ? value : rounding.ToInteger(value);
        long clamped = rounded >= Max ? Max : rounded <= Min ? Min : (long)rounded;
        return FromInteger(clamped);
    }

    /// <summary>
    /// The codes of round(vᵢ / divisor) + offset, to nearest with ties to even and saturated to [Min, Max]: what
    /// <see cref="Encode"/> of vᵢ / divisor gives (with the offset, a zero point, added before saturating), a span at
    /// a time for the quantizers' default rounding. The values are finite.
    /// </summary>
    public void EncodeNearest(ReadOnlySpan<double> values, double divisor, double offset, Span<uint> codes)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(codes.Length, values.Length);
        double min = Min, max = Max;
        uint mask = Mask;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // The same operations lane by lane: an IEEE quotient, rounding to nearest even, the same clamps; a clamped
            // integer (|q| < 2³¹) keeps its low 32 bits through the narrowing.
            Vector256<double> by = Vector256.Create(divisor), plus = Vector256.Create(offset);
            Vector256<double> low = Vector256.Create(min), high = Vector256.Create(max);
            Vector256<int> bits = Vector256.Create((int)mask);
            ref double from = ref MemoryMarshal.GetReference(values);
            ref uint to = ref MemoryMarshal.GetReference(codes);
            for (; i <= values.Length - 8; i += 8)
            {
                Vector256<long> first = Quantized(Vector256.LoadUnsafe(ref from, (nuint)i), by, plus, low, high);
                Vector256<long> second = Quantized(Vector256.LoadUnsafe(ref from, (nuint)(i + 4)), by, plus, low, high);
                (Vector256.Narrow(first, second) & bits).AsUInt32().StoreUnsafe(ref to, (nuint)i);
            }
        }

        for (; i < values.Length; i++)
        {
            double q = Math.Round(values[i] / divisor) + offset;
            q = q < min ? min : q > max ? max : q;
            codes[i] = unchecked((uint)(long)q) & mask;
        }
    }

    private static Vector256<long> Quantized(Vector256<double> v, Vector256<double> divisor, Vector256<double> offset, Vector256<double> min, Vector256<double> max)
    {
        Vector256<double> q = Vector256.Round(v / divisor) + offset;
        q = Vector256.ConditionalSelect(Vector256.LessThan(q, min), min, q);
        q = Vector256.ConditionalSelect(Vector256.GreaterThan(q, max), max, q);
        return Vector256.ConvertToInt64(q);
    }

    public override string ToString() => Name;
}
