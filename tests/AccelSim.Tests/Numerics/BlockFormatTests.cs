using AccelSim.Numerics;

namespace AccelSim.Tests.Numerics;

/// <summary>MX, NVFP4 and group-wise formats against examples worked by hand from the specs.</summary>
public class BlockFormatTests
{
    private static QuantizedTensor Quantize(string format, params double[] values) =>
        NumericFormats.Parse(format).Quantize(values, 1, values.Length);

    [Fact]
    public void Mxfp4_BlockMax5_ScaleOneAndTieToEven()
    {
        // floor(log2 5) = 2 = emax(E2M1), so the shared exponent is 0; 5 is the tie between 4 and 6 -> 4 (even mantissa).
        QuantizedTensor t = Quantize("mxfp4", 5, 1.25, -0.3, 0);
        Assert.Equal(1.0, t.BlockScales[0]);
        Assert.Equal([4, 1, -0.5, 0], t.Dequantize());
    }

    [Fact]
    public void Mxfp8E4M3_BlockMax100_SharedExponentMinus2()
    {
        // floor(log2 100) = 6, emax(E4M3) = 8 -> X = 2^-2; 100/X = 400 is the tie between 384 and 416 -> 384 -> 96.
        QuantizedTensor t = Quantize("mxfp8-e4m3", 100, 1);
        Assert.Equal(0.25, t.BlockScales[0]);
        Assert.Equal([96, 1], t.Dequantize());
    }

    [Fact]
    public void Mx_TinyBlock_ClampsSharedExponentToMinus127()
    {
        QuantizedTensor t = Quantize("mxfp8-e4m3", Math.ScaleB(1, -140));
        Assert.Equal(Math.ScaleB(1, -127), t.BlockScales[0]);
        Assert.Equal(0, t.Dequantize()[0]); // 2^-13 is below E4M3's smallest subnormal 2^-9
    }

    [Fact]
    public void Mx_ZeroBlock_DecodesToZero_AndNaNBlockIsNaN()
    {
        double[] values = new double[64];
        values[40] = double.NaN;
        values[41] = 3;
        QuantizedTensor t = NumericFormats.Parse("mxfp6-e2m3").Quantize(values, 1, 64);
        double[] back = t.Dequantize();
        Assert.All(back.Take(32), v => Assert.Equal(0, v));
        Assert.All(back.Skip(32), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Mxint8_IsFixedPoint1Dot6()
    {
        // amax 1 -> shared exponent 0; 0.5 = 32/64 and 1 = 64/64 exactly; 1/3 rounds to 21/64.
        QuantizedTensor t = Quantize("mxint8", 1, 0.5, 1.0 / 3);
        Assert.Equal([64, 32, 21], [.. Enumerable.Range(0, 3).Select(i => t.ElementValue(0, i))]);
        Assert.Equal([1, 0.5, 21.0 / 64], t.Dequantize());
    }

    [Fact]
    public void Nvfp4_TwoLevelScale_HandExample()
    {
        // Tensor amax 2688 = 6 * 448 -> tensor scale 1. Block 1: amax 3 -> block scale 0.5; 1 -> 2 (E2M1) -> 1.
        double[] values = new double[32];
        values[0] = 2688;
        values[16] = 3;
        values[17] = 1;
        values[18] = 0.7; // 1.4 -> E2M1 1.5 -> 0.75
        QuantizedTensor t = NumericFormats.Parse("nvfp4").Quantize(values, 1, 32);
        Assert.Equal(1.0, t.TensorScale);
        Assert.Equal(448, t.BlockScales[0]);
        Assert.Equal(0.5, t.BlockScales[1]);
        double[] back = t.Dequantize();
        Assert.Equal(2688, back[0]);
        Assert.Equal([3, 1, 0.75], back[16..19]);
    }

    [Fact]
    public void GroupAffine_Asymmetric_HandExample()
    {
        // min -1, max 2 -> s = 3/3 = 1, z = 1; q = round(x) + 1 = [0, 1, 1, 3] (0.5 ties to even 0).
        QuantizedTensor t = Quantize("int2-g4", -1, 0, 0.5, 2);
        Assert.Equal(1.0, t.BlockScales[0]);
        Assert.Equal(1, t.ZeroPoints[0]);
        Assert.Equal([0u, 1u, 1u, 3u], t.Codes.ToArray());
        Assert.Equal([-1, 0, 0, 2], t.Dequantize());
    }

    [Fact]
    public void GroupAffine_Symmetric_ScaleIsFp16()
    {
        QuantizedTensor t = Quantize("int4-g4-sym", 0.7, -1.4, 0.35, 0);
        double s = (double)(Half)(1.4 / 7); // FP16 rounding of 0.2, computed by System.Half
        Assert.Equal(s, t.BlockScales[0]);
        Assert.False(t.HasZeroPoints);
        double[] expected = [.. new[] { 0.7, -1.4, 0.35, 0 }.Select(x => Math.Clamp(Math.Round(x / s, MidpointRounding.ToEven), -7, 7) * s)];
        Assert.Equal(expected, t.Dequantize());
    }

    [Fact]
    public void GroupAffine_Scopes_HaveOneScalePerGroupChannelOrTensor()
    {
        double[] values = SyntheticTensor.Generate(Distribution.Gaussian, 3, 300, 1);
        Assert.Equal(9, NumericFormats.Parse("int4-g128").Quantize(values, 3, 300).BlockScales.Length);
        Assert.Equal(3, NumericFormats.Parse("int4-gch").Quantize(values, 3, 300).BlockScales.Length);
        Assert.Single(NumericFormats.Parse("int4-gtensor").Quantize(values, 3, 300).BlockScales.ToArray());
    }

    [Fact]
    public void GroupAffine_ErrorWithinHalfStep()
    {
        double[] values = SyntheticTensor.Generate(Distribution.Laplace, 8, 256, 3);
        QuantizedTensor t = NumericFormats.Parse("int4-g64").Quantize(values, 8, 256);
        double[] back = t.Dequantize();
        for (int i = 0; i < values.Length; i++)
        {
            double step = t.Scale(i / 256, i % 256);
            // Half a step, plus the clamp at the range ends that FP16 rounding of the scale can cause (at most 15·2^-11 steps).
            double bound = (step / 2) + (15 * step / 2048);
            Assert.True(Math.Abs(back[i] - values[i]) <= bound, $"element {i}: {values[i]} -> {back[i]}, step {step}");
        }
    }

    public static TheoryData<string, double, long> Storage => new()
    {
        // name, bits per element, bits for a 4096 x 4096 tensor (hand arithmetic)
        { "mxfp4", 4.25, (4096L * 4096 * 4) + (4096L * 128 * 8) },
        { "mxfp8-e4m3", 8.25, (4096L * 4096 * 8) + (4096L * 128 * 8) },
        { "nvfp4", 4.5, (4096L * 4096 * 4) + (4096L * 256 * 8) + 32 },
        { "int4-g128", 4.15625, (4096L * 4096 * 4) + (4096L * 32 * 20) },
        { "int4-g128-sym", 4.125, (4096L * 4096 * 4) + (4096L * 32 * 16) },
        { "int8", 8, (4096L * 4096 * 8) + 32 },
        { "fp16", 16, 4096L * 4096 * 16 },
        { "int4-gch", 4, (4096L * 4096 * 4) + (4096L * 20) },
    };

    [Theory]
    [MemberData(nameof(Storage))]
    public void Storage_IncludesScales(string name, double bitsPerElement, long bits4096)
    {
        NumericFormat format = NumericFormats.Parse(name);
        Assert.Equal(bitsPerElement, format.BitsPerElement);
        Assert.Equal(bits4096, format.StorageBits(4096, 4096));
    }

    [Fact]
    public void ScaledInt8_UsesSymmetricRangeAndFp32Scale()
    {
        QuantizedTensor t = Quantize("int8", 2.54, -1, 0.01);
        Assert.Equal((double)(float)(2.54 / 127), t.BlockScales[0]);
        Assert.Equal(127, t.ElementValue(0, 0));
        Assert.Equal(-50, t.ElementValue(0, 1));
    }

    [Fact]
    public void Ternary_UsesAbsMeanScale()
    {
        // mean |x| = 0.5; x / 0.5 = [2, -0.4, 0.2, -1.4] -> clamp(round) = [1, 0, 0, -1]
        QuantizedTensor t = Quantize("ternary", 1, -0.2, 0.1, -0.7);
        Assert.Equal(0.5, t.BlockScales[0]);
        Assert.Equal([0.5, 0, 0, -0.5], t.Dequantize());
    }

    [Fact]
    public void Quantize_FromFloats_EqualsFromDoubles()
    {
        float[] values = [0.1f, -2.5f, 3.75f, 1e-3f];
        NumericFormat format = NumericFormats.Parse("mxfp6-e3m2");
        Assert.Equal(
            format.Quantize([.. values.Select(v => (double)v)], 1, 4).Dequantize(),
            format.Quantize(values, 1, 4).Dequantize());
    }

    [Fact]
    public void Parse_UnknownName_SuggestsClosest()
    {
        Assert.False(NumericFormats.TryParse("mxfp5", out _, out string? error));
        Assert.Contains("did you mean 'mxfp4'", error);
        Assert.False(NumericFormats.TryParse("int9-g128", out _, out error));
        Assert.Contains("2 to 8 bits", error);
        Assert.True(NumericFormats.TryParse("INT3-G32", out NumericFormat? f, out _));
        Assert.Equal("int3-g32", f.Name);
    }
}
