using AccelSim.Accelerator;
using AccelSim.Hardware;
using AccelSim.Hardware.BitSerial;
using AccelSim.Hardware.LutCore;
using AccelSim.Hardware.ShiftAdd;
using AccelSim.Numerics;
using AccelSim.Units;
using AccelSim.Workloads;

namespace AccelSim.Tests.Hardware;

/// <summary>
/// Floating-point activations on the per-group PE kinds: held on a fixed-point grid so group sums stay exact, and
/// checked bit for bit against the reference's exact group sums (ExactGroupsFp32), which works in FP64 products and
/// an exact sum rather than in the PEs' integers.
/// </summary>
public class ActivationFixedPointTests
{
    internal static void AssertTakesIntegerAndNarrowFloatActivations(IPeKind kind)
    {
        foreach (string ok in new[] { "int8", "int4", "fp16", "fp8-e4m3", "fp8-e5m2" })
        {
            Assert.Null(kind.Unsupported(NumericFormats.Parse(ok), isWeight: false));
        }

        Assert.Contains("bf16's exponent range needs 262 fixed-point bits", kind.Unsupported(NumericFormats.Parse("bf16"), isWeight: false), StringComparison.Ordinal);
        Assert.Contains("fixed-point grid", kind.Unsupported(NumericFormats.Parse("mxfp8-e4m3"), isWeight: false), StringComparison.Ordinal);
        Assert.Contains("fixed-point grid", kind.Unsupported(NumericFormats.Parse("int8-g128"), isWeight: false), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("int8", 8, 0, 0)]
    [InlineData("fp16", 12, 29, -24)] // sign, hidden bit, 10 mantissa bits; 2^-24 up to 65504 < 2^16
    [InlineData("fp8-e4m3", 5, 14, -9)] // 2^-9 up to 448 < 2^9
    [InlineData("fp8-e5m2", 4, 29, -16)] // 2^-16 up to 57344 < 2^16
    public void Grid_SpansTheFormat(string format, int significand, int align, int step)
    {
        ActivationFixedPoint fixedPoint = ActivationFixedPoint.Of(NumericFormats.Parse(format));
        Assert.Equal(new ActivationFixedPoint(significand, align, step), fixedPoint);
    }

    [Fact]
    public void PartialSum_HasRoomFor256FullScaleProducts_AndAtLeast32Bits()
    {
        Assert.Equal(32, ActivationFixedPoint.Of(NumericFormats.Parse("int8")).PartialSumBits(4));
        Assert.Equal(41 + 4 + 8, ActivationFixedPoint.Of(NumericFormats.Parse("fp16")).PartialSumBits(4));
    }

    [Fact]
    public void Row_PutsEveryFp16Value_OnTheGrid_FromSubnormalToMax()
    {
        NumericFormat fp16 = NumericFormats.Parse("fp16");
        double[] values = [Math.ScaleB(1, -24), -Math.ScaleB(3, -24), 65504, -65504, 1.5, 0];
        QuantizedTensor a = fp16.Quantize(values, 1, values.Length);
        var row = new long[values.Length];
        Assert.True(ActivationFixedPoint.Of(fp16).Row(a, 0, row));
        Assert.Equal([1L, -3L, 65504L << 24, -(65504L << 24), 3L << 23, 0L], row);
    }

    [Fact]
    public void Wrap_KeepsTheLowBits_AndCounts()
    {
        long overflows = 0;
        Assert.Equal(-1, ActivationFixedPoint.Wrap((1L << 53) - 1, 53, ref overflows));
        Assert.Equal(1, overflows);
        Assert.Equal(int.MinValue, ActivationFixedPoint.Wrap(int.MinValue, 32, ref overflows));
        Assert.Equal(1, overflows);
    }

    public static TheoryData<string, string, string, int> Cases() => new()
    {
        // kind, activation, weight, K
        { "shift-add", "fp16", "int4-g128", 300 },
        { "shift-add", "fp16", "int2-g32-sym", 96 },
        { "shift-add", "fp8-e4m3", "int4-g64", 200 },
        { "shift-add", "fp8-e5m2", "int3-g128-sym", 130 },
        { "bit-serial", "fp16", "int4-g128", 300 },
        { "bit-serial", "fp16", "bitmod4-g128", 256 },
        { "bit-serial", "fp16", "int8-gch", 129 },
        { "bit-serial", "fp8-e4m3", "ternary", 200 },
        { "lut-core", "fp16", "int4-g128", 300 },
        { "lut-core", "fp16", "ternary", 203 },
        { "lut-core", "fp16", "int8-g128", 256 },
        { "lut-core", "fp8-e5m2", "binary", 64 },
        { "lut-core", "fp8-e4m3", "int2-g64", 130 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Execute_FloatActivations_IsBitExact_AgainstExactGroupSums(string kind, string activation, string weight, int k)
    {
        IPeModel pe = Unit(kind, activation, weight);
        var op = new GemmOp("g", 5, 33, k, NumericFormats.Parse(activation), NumericFormats.Parse(weight), 1, [], default);
        FunctionalOutcome outcome = FunctionalCheck.Run(pe, op, FunctionalMode.Full, 5, 0);
        Assert.True(outcome.Status == "exact", outcome.Detail);
        Assert.Contains("ExactGroupsFp32", outcome.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shift-add")]
    [InlineData("bit-serial")]
    [InlineData("lut-core")]
    public void Execute_ExtremeFp16_MaxAndSubnormalsInOneGroup_AreExact(string kind)
    {
        // ±65504 and subnormals in one group, every weight at the format's largest code: the large terms cancel, so
        // the result is the subnormals' sum, which only an exact (fixed-point) group sum keeps.
        const int k = 128;
        var values = new double[2 * k];
        for (int x = 0; x < values.Length; x++)
        {
            values[x] = (x % 4) switch { 0 => 65504, 1 => -65504, 2 => Math.ScaleB(1, -24), _ => Math.ScaleB(3, -24) };
        }

        QuantizedTensor a = NumericFormats.Parse("fp16").Quantize(values, 2, k);
        QuantizedTensor w = NumericFormats.Parse("int4-g64-sym").Quantize([.. Enumerable.Repeat(1.0, 3 * k)], 3, k);
        IPeModel pe = Unit(kind, "fp16", "int4-g64-sym");
        GemmResult got = pe.Execute(a, w);
        GemmResult want = pe.Numerics(a.Format, w.Format).Reference(a, w);
        Assert.Equal(want.Values, got.Values);
        Assert.Equal(0, got.Overflows);
        Assert.Equal((double)(float)(2 * 16 * 4 * 7 * Math.ScaleB(1, -24) * w.Scale(0, 0)), got[0, 0]);
    }

    [Theory]
    [InlineData("shift-add")]
    [InlineData("bit-serial")]
    [InlineData("lut-core")]
    public void Execute_NonFiniteActivation_GivesNaNForItsRowOnly(string kind)
    {
        QuantizedTensor a = NumericFormats.Parse("fp16").Quantize([1, double.PositiveInfinity, 2, 3, 1, 2, 3, 4], 2, 4);
        QuantizedTensor w = NumericFormats.Parse("int4-g2-sym").Quantize([1, 0.5, -1, 0.25], 1, 4);
        GemmResult got = Unit(kind, "fp16", "int4-g2-sym").Execute(a, w);
        Assert.True(double.IsNaN(got[0, 0]));
        Assert.Equal(ReferenceGemm.Compute(a, w, Accumulator.ExactGroupsFp32)[1, 0], got[1, 0]);
        Assert.True(double.IsNaN(ReferenceGemm.Compute(a, w, Accumulator.ExactGroupsFp32)[0, 0]));
    }

    private static IPeModel Unit(string kind, string activation, string weight)
    {
        NumericFormat[] a = [NumericFormats.Parse(activation)], w = [NumericFormats.Parse(weight)];
        Frequency clock = Frequency.Parse("1 GHz");
        return kind switch
        {
            "shift-add" => new ShiftAddPe(new ShiftAddPeConfig("mix", 1, clock, a, w, 4, 8)),
            "bit-serial" => new BitSerialPe(new BitSerialPeConfig("bs", 1, clock, a, w, 4, 8, 4, 2)),
            _ => new LutCorePe(new LutCoreConfig("lut", 1, clock, a, w, 2, 2, 8, 4, 1, true, true, 8)),
        };
    }
}
