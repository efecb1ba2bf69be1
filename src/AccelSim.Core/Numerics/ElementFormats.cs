namespace AccelSim.Numerics;

/// <summary>
/// The element formats AccelSim knows, by name. Parameters follow the OCP 8-bit floating point spec (OFP8, 2023),
/// OCP Microscaling Formats v1.0 (2023) section 5 and IEEE 754-2019; see README "Number formats".
/// </summary>
public static class ElementFormats
{
    // OCP FP4 E2M1: bias 1, no Inf/NaN, max 6 (OCP MX v1.0, table 3).
    public static MiniFloatFormat Fp4E2M1 { get; } = new("fp4-e2m1", 2, 1, 1, FloatSpecials.None, OverflowRule.Saturate);

    // OCP FP6 E2M3: bias 1, no Inf/NaN, max 7.5 (OCP MX v1.0, table 2).
    public static MiniFloatFormat Fp6E2M3 { get; } = new("fp6-e2m3", 2, 3, 1, FloatSpecials.None, OverflowRule.Saturate);

    // OCP FP6 E3M2: bias 3, no Inf/NaN, max 28 (OCP MX v1.0, table 2).
    public static MiniFloatFormat Fp6E3M2 { get; } = new("fp6-e3m2", 3, 2, 3, FloatSpecials.None, OverflowRule.Saturate);

    // OCP FP8 E4M3: bias 7, no Inf, NaN = S.1111.111, max 448 (OFP8 spec table 1). Saturating conversion is
    // the OFP8 spec's "saturation mode"; the non-saturating mode is available via E4M3NonSaturating.
    public static MiniFloatFormat Fp8E4M3 { get; } = new("fp8-e4m3", 4, 3, 7, FloatSpecials.NanAtAllOnes, OverflowRule.Saturate);

    public static MiniFloatFormat Fp8E4M3NonSaturating { get; } = new("fp8-e4m3", 4, 3, 7, FloatSpecials.NanAtAllOnes, OverflowRule.NonSaturating);

    // OCP FP8 E5M2: bias 15, IEEE-style Inf and NaN, max 57344 (OFP8 spec table 1).
    public static MiniFloatFormat Fp8E5M2 { get; } = new("fp8-e5m2", 5, 2, 15, FloatSpecials.Ieee, OverflowRule.Saturate);

    public static MiniFloatFormat Fp8E5M2NonSaturating { get; } = new("fp8-e5m2", 5, 2, 15, FloatSpecials.Ieee, OverflowRule.NonSaturating);

    // IEEE 754 binary16.
    public static MiniFloatFormat Fp16 { get; } = new("fp16", 5, 10, 15, FloatSpecials.Ieee, OverflowRule.NonSaturating);

    // bfloat16: binary32 with the mantissa cut to 7 bits.
    public static MiniFloatFormat Bf16 { get; } = new("bf16", 8, 7, 127, FloatSpecials.Ieee, OverflowRule.NonSaturating);

    // IEEE 754 binary32.
    public static MiniFloatFormat Fp32 { get; } = new("fp32", 8, 23, 127, FloatSpecials.Ieee, OverflowRule.NonSaturating);

    // OCP E8M0 scale: unsigned, bias 127, 2^-127..2^127, 0xFF = NaN, no zero (OCP MX v1.0 section 5.4.1).
    public static MiniFloatFormat E8M0 { get; } = new("e8m0", 8, 0, 127, FloatSpecials.NanAtAllOnes, OverflowRule.Saturate, isSigned: false, subnormals: false);

    // Unsigned E4M3 (the sign bit of an FP8 E4M3 scale fixed at 0), as NVFP4 block scales use it: 7-bit code, max 448.
    public static MiniFloatFormat UE4M3 { get; } = new("ue4m3", 4, 3, 7, FloatSpecials.NanAtAllOnes, OverflowRule.Saturate, isSigned: false);

    public static IntFormat Ternary { get; } = new("ternary", 2, isSigned: true, narrow: true);

    public static BinaryFormat Binary { get; } = new();

    /// <summary>Every named element format, in the order the formats table lists them.</summary>
    public static IReadOnlyList<IElementFormat> All { get; } = BuildAll();

    public static IElementFormat? Find(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The signed two's complement INTn format (n = 1..8).</summary>
    public static IntFormat TwosComplement(int bits) => (IntFormat)Find($"int{bits}")!;

    /// <summary>The symmetric (narrow) INTn format, range ±(2^(n-1)-1) (n = 2..8).</summary>
    public static IntFormat Symmetric(int bits) => (IntFormat)Find($"int{bits}-sym")!;

    /// <summary>The unsigned UINTn format (n = 1..8).</summary>
    public static IntFormat UnsignedInt(int bits) => (IntFormat)Find($"uint{bits}")!;

    private static List<IElementFormat> BuildAll()
    {
        var all = new List<IElementFormat>();
        for (int bits = 1; bits <= 8; bits++)
        {
            all.Add(new IntFormat($"int{bits}", bits, isSigned: true));
        }

        for (int bits = 2; bits <= 8; bits++)
        {
            all.Add(new IntFormat($"int{bits}-sym", bits, isSigned: true, narrow: true));
        }

        for (int bits = 1; bits <= 8; bits++)
        {
            all.Add(new IntFormat($"uint{bits}", bits, isSigned: false));
        }

        all.Add(Ternary);
        all.Add(Binary);
        all.AddRange([Fp4E2M1, Fp6E2M3, Fp6E3M2, Fp8E4M3, Fp8E5M2, Fp16, Bf16, Fp32, E8M0, UE4M3]);
        return all;
    }
}
