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
