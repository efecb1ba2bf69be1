using System.Globalization;
using AccelSim.Numerics;

namespace AccelSim.Cost;

/// <summary>
/// What a datapath operates on, as far as its cost goes: an integer of a width, or a float of exponent and mantissa
/// widths. Integers keep their width in <see cref="MantissaBits"/>.
/// </summary>
public readonly record struct ArithmeticType(bool IsFloat, int ExponentBits, int MantissaBits)
{
    public static ArithmeticType Int(int bits) => new(false, 0, bits);

    public static ArithmeticType Float(int exponentBits, int mantissaBits) => new(true, exponentBits, mantissaBits);

    public static ArithmeticType Fp32 => Float(8, 23);

    /// <summary>Bits of one value: sign, exponent and mantissa for a float; the width for an integer.</summary>
    public int Width => IsFloat ? 1 + ExponentBits + MantissaBits : MantissaBits;

    /// <summary>Bits of the significand a multiplier array sees: the mantissa and its hidden one, or the integer itself.</summary>
    public int SignificandBits => IsFloat ? MantissaBits + 1 : MantissaBits;

    /// <summary>The type of a format's elements (block scales are handled outside the multiplier array).</summary>
    public static ArithmeticType Of(IElementFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return format is MiniFloatFormat f ? Float(f.ExponentBits, f.MantissaBits) : Int(format.Bits);
    }

    /// <summary>Parses "int8", "e5m10".</summary>
    public static bool TryParse(string text, out ArithmeticType type)
    {
        type = default;
        string t = text.Trim();
        if (t.StartsWith("int", StringComparison.Ordinal) && int.TryParse(t[3..], NumberStyles.None, CultureInfo.InvariantCulture, out int bits) && bits is > 0 and <= 64)
        {
            type = Int(bits);
            return true;
        }

        int m = t.IndexOf('m', StringComparison.Ordinal);
        if (t.StartsWith('e') && m > 1
            && int.TryParse(t[1..m], NumberStyles.None, CultureInfo.InvariantCulture, out int e) && e is > 0 and <= 15
            && int.TryParse(t[(m + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int mantissa) && mantissa is >= 0 and <= 63)
        {
            type = Float(e, mantissa);
            return true;
        }

        return false;
    }

    public override string ToString() => IsFloat
        ? string.Create(CultureInfo.InvariantCulture, $"e{ExponentBits}m{MantissaBits}")
        : string.Create(CultureInfo.InvariantCulture, $"int{MantissaBits}");
}
