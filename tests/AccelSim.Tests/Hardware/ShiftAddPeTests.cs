using AccelSim.Accelerator;
using AccelSim.Cost;
using AccelSim.Hardware;
using AccelSim.Hardware.ShiftAdd;
using AccelSim.Numerics;
using AccelSim.Units;
using AccelSim.Workloads;

namespace AccelSim.Tests.Hardware;

public class ShiftAddPeTests
{
    private static readonly NumericFormat Int8 = NumericFormats.Parse("int8");

    internal static ShiftAddPe Array(int rows, int columns, params string[] weights) => new(
        new ShiftAddPeConfig("mix", 1, Frequency.Parse("1 GHz"), [Int8], [.. weights.Select(NumericFormats.Parse)], rows, columns));

    [Fact]
    public void Evaluate_StreamsK_UnlessTheGroupDequantizersAreTheBottleneck()
    {
        // 8 rows, groups of 32: 8·⌈128/32⌉ = 32 dequantizations per column per fold, hidden behind K = 128.
        Assert.Equal(4 * (128 + 14), Array(8, 8, "int4-g32").Evaluate(new GemmTile(16, 16, 128, Int8, NumericFormats.Parse("int4-g32"))).Cycles);
        // 64 rows, groups of 32: 64·4 = 256 dequantizations outlast K = 128.
        Assert.Equal(256 + 64 + 8 - 2, Array(64, 8, "int4-g32").Evaluate(new GemmTile(64, 8, 128, Int8, NumericFormats.Parse("int4-g32"))).Cycles);
    }

    [Theory]
    [InlineData("int4-g128", 300, 1)]
    [InlineData("int2-g64-sym", 257, 1)]
    [InlineData("int4", 1 << 22, 127)]
    [InlineData("int4", 1 << 22, -90)]
    public void Shortcut_GivesTheBitsOfTheStepByStepDatapath_WrapsIncluded(string weight, int k, int activation)
    {
        // The group's integer dot product is taken at once only where no partial sum can wrap; a per-tensor group of
        // 2^22 products of 127 × 7 passes 2^31 and wraps in the 32-bit register, one element at a time, either way.
        double[] av = activation == 1 ? SyntheticTensor.Generate(Distribution.Gaussian, 2, k, 1) : [.. Enumerable.Repeat((double)activation, k)];
        double[] wv = activation == 1 ? SyntheticTensor.Generate(Distribution.Laplace, 3, k, 2) : [.. Enumerable.Repeat(7.0, k)];
        int m = av.Length / k, n = wv.Length / k;
        QuantizedTensor a = Int8.Quantize(av, m, k), w = NumericFormats.Parse(weight).Quantize(wv, n, k);
        ShiftAddPe pe = Array(4, 4, weight);
        GemmResult shortcut = pe.Execute(a, w), stepped = pe.ExecuteStepByStep(a, w);
        Assert.Equal(stepped.Values.Select(BitConverter.DoubleToInt64Bits), shortcut.Values.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(stepped.Overflows, shortcut.Overflows);
        Assert.Equal(activation == 1 ? 0 : 1, Math.Sign(shortcut.Overflows));
    }

    [Fact]
    public void Activities_ShiftAddPerMac_DequantizePerGroup()
    {
        NumericFormat int4 = NumericFormats.Parse("int4-g32-sym");
        ActivityCounts counts = Array(8, 8, "int4-g32-sym").Evaluate(new GemmTile(8, 8, 64, Int8, int4)).Activities;
        long macs = 8L * 8 * 64, groups = 8L * 8 * 2;
        Assert.Equal(3 * macs, counts[Activity.Add(ArithmeticType.Int(12))]); // 4 bit planes: an adder tree of 3
        Assert.Equal(groups, counts[Activity.Multiply(ArithmeticType.Fp32, ArithmeticType.Fp32)]); // once per group, not per MAC
        Assert.Equal(0, counts[Activity.Multiply(ArithmeticType.Int(8), ArithmeticType.Int(4))]); // no multiplier
    }

    [Theory]
    [InlineData("int4-g128", 300)]
    [InlineData("int4-g32-sym", 300)]
    [InlineData("int2-g64", 256)]
    [InlineData("int3-g128-sym", 130)]
    [InlineData("int2-g32-sym", 96)]
    public void Execute_IsBitExact_AgainstTheGroupwiseReference(string weight, int k)
    {
        var op = new GemmOp("g", 5, 33, k, Int8, NumericFormats.Parse(weight), 1, [], default);
        FunctionalOutcome outcome = FunctionalCheck.Run(Array(4, 8, weight), op, FunctionalMode.Full, 2, 0);
        Assert.True(outcome.Status == "exact", outcome.Detail);
    }

    [Theory]
    [InlineData("int4-g128", 1.0, 1.0)]
    [InlineData("int4-g128", -1.0, 1.0)]
    [InlineData("int4-g32-sym", 1.0, -1.0)]
    [InlineData("int2-g64-sym", -1.0, -1.0)]
    public void Execute_ExtremeCodes_AreExact(string weight, double activationValue, double weightValue)
    {
        // Constant tensors quantize to the extreme codes (±127 activations, the weight format's end codes).
        NumericFormat format = NumericFormats.Parse(weight);
        ShiftAddPe pe = Array(4, 4, weight);
        QuantizedTensor a = Int8.Quantize(Enumerable.Repeat(activationValue, 3 * 128).ToArray(), 3, 128);
        double[] wv = [.. Enumerable.Range(0, 2 * 128).Select(i => i % 2 == 0 ? weightValue : weightValue / 3)];
        QuantizedTensor w = format.Quantize(wv, 2, 128);
        Assert.Contains(a.Codes.ToArray(), code => code == 127 || code == 129);
        Assert.Equal(pe.Numerics(Int8, format).Reference(a, w).Values, pe.Execute(a, w).Values);
    }

    [Fact]
    public void Kind_TakesGroupwiseLowBitWeights_AndIntegerOrNarrowFloatActivations()
    {
        var kind = new ShiftAddPeKind();
        ActivationFixedPointTests.AssertTakesIntegerAndNarrowFloatActivations(kind);
        Assert.Null(kind.Unsupported(NumericFormats.Parse("int4-g128"), isWeight: true));
        Assert.Null(kind.Unsupported(NumericFormats.Parse("int4-g256"), isWeight: true));
        Assert.NotNull(kind.Unsupported(NumericFormats.Parse("int8-g128"), isWeight: true));
        Assert.NotNull(kind.Unsupported(NumericFormats.Parse("int4"), isWeight: true));
    }
}
