using AccelSim.Accelerator;
using AccelSim.Cost;
using AccelSim.Hardware;
using AccelSim.Hardware.DequantMac;
using AccelSim.Numerics;
using AccelSim.Units;
using AccelSim.Workloads;

namespace AccelSim.Tests.Hardware;

public class DequantMacPeTests
{
    private static readonly NumericFormat Fp16 = NumericFormats.Parse("fp16");

    internal static DequantMacPe Array(int rows, int columns, int lanes, params string[] weights) => new(
        new DequantMacPeConfig("tc", 1, Frequency.Parse("1 GHz"), [Fp16], [.. weights.Select(NumericFormats.Parse)], rows, columns, lanes));

    private static DequantMacPe Dp(int dot, int rows, int columns, int lanes, params string[] weights) => new(
        new DequantMacPeConfig("tc", 1, Frequency.Parse("1 GHz"), [Fp16], [.. weights.Select(NumericFormats.Parse)], rows, columns, lanes, dot));

    [Fact]
    public void DotProductPes_StreamKInDots_AndShareOneFp32AddPerDot()
    {
        var tile = new GemmTile(16, 16, 100, Fp16, NumericFormats.Parse("int4-g32"));
        // DP4: a fold streams ⌈100/4⌉ = 25 steps + R + C − 2 when 32 dequantizers feed the 8 columns' 4 lanes ...
        Assert.Equal(4 * (25 + 14), Dp(4, 8, 8, 32, "int4-g32").Evaluate(tile).Cycles);
        // ... and 8·100/8 = 100 cycles of conversion per fold with one per column.
        Assert.Equal(4 * (100 + 14), Dp(4, 8, 8, 8, "int4-g32").Evaluate(tile).Cycles);
        ActivityCounts counts = Dp(4, 8, 8, 32, "int4-g32").Evaluate(tile).Activities;
        long macs = 16L * 16 * 100, dots = 16L * 16 * 25;
        Assert.Equal(dots, counts[Activity.Add(ArithmeticType.Fp32)]);
        Assert.Equal(3 * dots, counts[Activity.Add(ArithmeticType.Int(25))]); // a 4-input tree of 22-bit significands
        Assert.Equal(macs, counts[Activity.Shift(ArithmeticType.Int(22))]);
        Assert.Equal(4 * 8 * 8L, Dp(4, 8, 8, 32, "int4-g32").PeakMacsPerCycle);
    }

    [Theory]
    [InlineData(4, "int4-g128")]
    [InlineData(4, "fp16")]
    [InlineData(2, "nvfp4")]
    [InlineData(8, "int8")]
    public void DotProductPes_AreBitExact_AgainstTheReferenceOfExactChunks(int dot, string weight)
    {
        var op = new GemmOp("g", 7, 33, 300, Fp16, NumericFormats.Parse(weight), 1, [], default);
        DequantMacPe pe = Dp(dot, 4, 8, 8 * dot, weight);
        Assert.Equal(new NumericContract(Accumulator.ExactChunksFp32, dot, ElementFormats.Fp16), pe.Numerics(Fp16, NumericFormats.Parse(weight)));
        FunctionalOutcome outcome = FunctionalCheck.Run(pe, op, FunctionalMode.Full, 3, 0);
        Assert.True(outcome.Status == "exact", outcome.Detail);
    }

    [Fact]
    public void DotProductPes_AreBitExact_OnOperandsSpanningEveryFp16Binade()
    {
        // Magnitudes from 2^-24 to 65,504 and both signs: many chunk sums are not exact in a double (a product of
        // 2^30 beside one of 2^-48), so the reference takes its exact-sum path there and its double path elsewhere;
        // the PE's datapath, written independently, must agree with both bit for bit. Zero sums included.
        var random = new Random(11);
        float[] Spread(int count) => [.. Enumerable.Range(0, count).Select(i => i % 7 == 0 ? 0f
            : (random.Next(2) == 0 ? -1 : 1) * (float)Math.Clamp(Math.ScaleB(1 + random.NextDouble(), random.Next(-24, 16)), Math.ScaleB(1, -24), 65_504))];
        const int m = 5, n = 6, k = 96;
        QuantizedTensor qa = Fp16.Quantize(Spread(m * k), m, k), qw = Fp16.Quantize(Spread(n * k), n, k);
        foreach (int dot in new[] { 2, 4, 8 })
        {
            DequantMacPe pe = Dp(dot, 4, 4, 4 * dot, "fp16");
            GemmResult got = pe.Execute(qa, qw), want = pe.Numerics(Fp16, Fp16).Reference(qa, qw);
            Assert.Equal(want.Values.Select(BitConverter.DoubleToInt64Bits), got.Values.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void ADotProduct_IsRoundedOnce_WhereSummingInFloatWouldNotBe()
    {
        // 1 + 2^-24 + 2^-24 (and 0): in FP32 one product at a time 1 + 2^-24 rounds back to 1 twice; summed exactly,
        // 1 + 2^-23 is an FP32 number. The reference says the same.
        float tiny = MathF.ScaleB(1, -12);
        float[] a = [1, tiny, tiny, 0], w = [1, tiny, tiny, 0];
        QuantizedTensor qa = Fp16.Quantize(a, 1, 4), qw = Fp16.Quantize(w, 1, 4);
        GemmResult got = Dp(4, 1, 1, 4, "fp16").Execute(qa, qw);
        Assert.Equal(1 + Math.ScaleB(1, -23), got.Values[0]);
        Assert.Equal(got.Values[0], ReferenceGemm.Compute(qa, qw, Accumulator.ExactChunksFp32, 4, ElementFormats.Fp16).Values[0]);
        Assert.Equal(1.0, Array(1, 1, 1, "fp16").Execute(qa, qw).Values[0]);
    }

    [Fact]
    public void ADotProduct_WhoseSumADoubleCannotHold_IsStillRoundedOnce()
    {
        // 2^16 + 2^-8 + 2^-48: just above the midpoint between the FP32 numbers 2^16 and 2^16 + 2^-7, so it rounds up.
        // A double drops the 2^-48 (its unit there is 2^-36) and lands on the midpoint, which ties to even, down: a sum
        // taken in doubles and cast once would be wrong here, the exact adder tree is not.
        float[] a = [32768, 0.0625f, MathF.ScaleB(1, -24), 0], w = [2, 0.0625f, MathF.ScaleB(1, -24), 0];
        QuantizedTensor qa = Fp16.Quantize(a, 1, 4), qw = Fp16.Quantize(w, 1, 4);
        Assert.Equal(65536 + Math.ScaleB(1, -7), Dp(4, 1, 1, 4, "fp16").Execute(qa, qw).Values[0]);
    }

    [Fact]
    public void Evaluate_IsOutputStationaryFolds_StretchedWhenDequantizersCannotKeepUp()
    {
        var tile = new GemmTile(16, 16, 100, Fp16, NumericFormats.Parse("int4-g32"));
        // 2×2 folds of K + R + C − 2 = 100 + 14 cycles with one dequantizer per column.
        Assert.Equal(4 * (100 + 14), Array(8, 8, 8, "int4-g32").Evaluate(tile).Cycles);
        // Two dequantizers for 8 columns: 8·100/2 = 400 cycles of conversion per fold.
        TileCost slow = Array(8, 8, 2, "int4-g32").Evaluate(tile);
        Assert.Equal(4 * (400 + 14), slow.Cycles);
        Assert.Equal(4 * (300 + 14), slow.FillDrainCycles);
    }

    [Fact]
    public void Activities_CountEveryMacAndEveryDequantizedWeight()
    {
        var tile = new GemmTile(16, 8, 64, Fp16, NumericFormats.Parse("int4-g32"));
        ActivityCounts counts = Array(8, 8, 8, "int4-g32").Evaluate(tile).Activities;
        ArithmeticType half = ArithmeticType.Float(5, 10);
        long macs = 16L * 8 * 64, dequantized = 8L * 64 * 2; // N·K weights, once per each of the 2 row folds
        Assert.Equal(macs + dequantized, counts[Activity.Multiply(half, half)]);
        Assert.Equal(macs, counts[Activity.Add(ArithmeticType.Fp32)]);
        Assert.Equal(dequantized, counts[Activity.Add(ArithmeticType.Int(5))]); // the zero point, asymmetric format
    }

    [Theory]
    [InlineData("int4-g128")]
    [InlineData("int4-g32-sym")]
    [InlineData("int2-g64")]
    [InlineData("int8")]
    [InlineData("mxfp4")]
    [InlineData("nvfp4")]
    [InlineData("fp8-e4m3")]
    [InlineData("fp16")]
    public void Execute_IsBitExact_AgainstTheReferenceWithFp16Weights(string weight)
    {
        var op = new GemmOp("g", 7, 33, 300, Fp16, NumericFormats.Parse(weight), 1, [], default);
        FunctionalOutcome outcome = FunctionalCheck.Run(Array(4, 8, 8, weight), op, FunctionalMode.Full, 3, 0);
        Assert.True(outcome.Status == "exact", outcome.Detail);
    }

    [Fact]
    public void RoundingWeightsToFp16_IsWhatTheContractAddsToTheReference()
    {
        // INT8 with an FP32 per-tensor scale: most dequantized weights are not FP16 numbers.
        NumericFormat int8 = NumericFormats.Parse("int8");
        DequantMacPe pe = Array(4, 4, 4, "int8");
        QuantizedTensor a = Fp16.Quantize(SyntheticTensor.Generate(Distribution.Gaussian, 4, 256, 5), 4, 256);
        QuantizedTensor w = int8.Quantize(SyntheticTensor.Generate(Distribution.Laplace, 6, 256, 6), 6, 256);
        GemmResult got = pe.Execute(a, w);
        Assert.Equal(got.Values, pe.Numerics(Fp16, int8).Reference(a, w).Values);
        Assert.NotEqual(got.Values, ReferenceGemm.Compute(a, w, Accumulator.Fp32).Values);
    }

    [Fact]
    public void Kind_TakesOnlyFp16Activations()
    {
        var kind = new DequantMacPeKind();
        Assert.Null(kind.Unsupported(Fp16, isWeight: false));
        Assert.Contains("must be fp16", kind.Unsupported(NumericFormats.Parse("int8"), isWeight: false), StringComparison.Ordinal);
        Assert.Null(kind.Unsupported(NumericFormats.Parse("int4-g128"), isWeight: true));
        Assert.NotNull(kind.Unsupported(NumericFormats.Parse("fp32"), isWeight: true));
    }
}
