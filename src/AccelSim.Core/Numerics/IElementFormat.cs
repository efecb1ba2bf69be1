namespace AccelSim.Numerics;

/// <summary>
/// A scalar number format: a bit pattern (code) of <see cref="Bits"/> bits and the exact value it stands for.
/// </summary>
public interface IElementFormat
{
    /// <summary>Kebab-case name used in YAML and on the command line, e.g. <c>fp8-e4m3</c>.</summary>
    string Name { get; }

    /// <summary>Width of one code in bits.</summary>
    int Bits { get; }

    /// <summary>Largest finite value.</summary>
    double MaxFinite { get; }

    /// <summary>Most negative finite value (zero or the smallest value for unsigned formats).</summary>
    double MinFinite { get; }

    /// <summary>Smallest positive value (the smallest subnormal where the format has subnormals).</summary>
    double MinPositive { get; }

    /// <summary>Smallest positive normal value; equal to <see cref="MinPositive"/> for integer formats.</summary>
    double MinNormal { get; }

    bool HasNaN { get; }

    bool HasInfinity { get; }

    /// <summary>True when every finite value is an integer, so products can be accumulated in integer registers.</summary>
    bool IsInteger { get; }

    /// <summary>False for bit patterns the format leaves unused (the -2^(n-1) code of a symmetric integer format).</summary>
    bool IsCode(uint code);

    /// <summary>The exact value of a code. NaN codes decode to <see cref="double.NaN"/>.</summary>
    double Decode(uint code);

    /// <summary>
    /// The code for <paramref name="value"/> under <paramref name="rounding"/>. Out-of-range values follow the
    /// format's overflow rule (saturate, or become infinity or NaN); see each implementation.
    /// </summary>
    uint Encode(double value, Rounding rounding = default);
}
