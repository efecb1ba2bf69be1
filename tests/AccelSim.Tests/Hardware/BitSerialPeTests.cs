using AccelSim.Accelerator;
using AccelSim.Cost;
using AccelSim.Hardware;
using AccelSim.Hardware.BitSerial;
using AccelSim.Numerics;
using AccelSim.Units;
using AccelSim.Workloads;

namespace AccelSim.Tests.Hardware;

public class BitSerialPeTests
{
    private static readonly NumericFormat Int8 = NumericFormats.Parse("int8");

    internal static BitSerialPe Array(int rows, int columns, int dot, int bitsPerCycle, params string[] weights) => new(
        new BitSerialPeConfig("bs", 1, Frequency.Parse("1 GHz"), [Int8], [.. weights.Select(NumericFormats.Parse)], rows, columns, dot, bitsPerCycle));

    [Theory]
    [InlineData("int4-g128", 1, 300, 1)]
    [InlineData("bitmod4-g128", 2, 257, 1)]
    [InlineData("bitmod3-g128", 1, 130, 1)]
    [InlineData("int2-g64-sym", 1, 129, 1)]
    [InlineData("int8", 2, 1 << 22, 127)]
    [InlineData("int8", 1, 1 << 22, -77)]
    public void Shortcut_GivesTheBitsOfTheSerialSteps_WrapsIncluded(string weight, int bitsPerCycle, int k, int activation)
    {
        // Where no partial sum can wrap, each group is one integer dot product; a per-tensor group of 2^22 products of
        // 127 × 127 wraps the register, step by step either way.
        double[] av = activation == 1 ? SyntheticTensor.Generate(Distribution.Gaussian, 2, k, 1) : [.. Enumerable.Repeat((double)activation, k)];
        double[] wv = activation == 1 ? SyntheticTensor.Generate(Distribution.Laplace, 3, k, 2) : [.. Enumerable.Repeat(7.0, k)];
        int m = av.Length / k, n = wv.Length / k;
        QuantizedTensor a = Int8.Quantize(av, m, k), w = NumericFormats.Parse(weight).Quantize(wv, n, k);
        BitSerialPe pe = Array(4, 4, 2, bitsPerCycle, weight);
        GemmResult shortcut = pe.Execute(a, w), stepped = pe.ExecuteStepByStep(a, w);
        Assert.Equal(stepped.Values.Select(BitConverter.DoubleToInt64Bits), shortcut.Values.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(stepped.Overflows, shortcut.Overflows);
        Assert.Equal(activation == 1 ? 0 : 1, Math.Sign(shortcut.Overflows));
    }

    [Theory]
    [InlineData("int8", 1, 8)]
    [InlineData("int4", 1, 4)]
    [InlineData("int2", 1, 2)]
    [InlineData("int8", 2, 4)]
    [InlineData("int4", 2, 2)]
    [InlineData("int3-g128-sym", 2, 2)]
    [InlineData("bitmod4-g128", 2, 2)]
    public void Cycles_GrowWithWeightBits(string weight, int bitsPerCycle, int stepsPerWeight)
    {
        // 8×8 PEs of 4 lanes, one fold: ⌈512/4⌉ steps of K, each ⌈b/bits_per_cycle⌉ cycles, plus 8 + 8 − 2.
        NumericFormat format = NumericFormats.Parse(weight);
        TileCost cost = Array(8, 8, 4, bitsPerCycle, weight).Evaluate(new GemmTile(8, 8, 512, Int8, format));
        Assert.Equal((128 * stepsPerWeight) + 14, cost.Cycles);
        Assert.Equal(14, cost.FillDrainCycles);
    }

    [Fact]
    public void Cycles_DequantizerBound_WhenGroupsAreSmallAndRowsMany()
    {
        // 64 rows × ⌈256/32⌉ groups = 512 dequantizations per column outlast ⌈256/4⌉·2 = 128 serial cycles.
        NumericFormat format = NumericFormats.Parse("int4-g32");
        Assert.Equal(512 + 64 + 4 - 2, Array(64, 4, 4, 2, "int4-g32").Evaluate(new GemmTile(64, 4, 256, Int8, format)).Cycles);
    }

    [Fact]
    public void Cycles_OneRowOfDecode_DequantizesOnlyThatRow()
    {
        // M = 1 on 64 rows: 1·8 group sums per column, hidden behind 128 serial cycles; M = 70: a full fold of 64
        // rows (512 sums) and one of 6 rows (48 sums, hidden).
        NumericFormat format = NumericFormats.Parse("int4-g32");
        BitSerialPe pe = Array(64, 4, 4, 2, "int4-g32");
        Assert.Equal(128 + 66, pe.Evaluate(new GemmTile(1, 4, 256, Int8, format)).Cycles);
        Assert.Equal(512 + 128 + (2 * 66), pe.Evaluate(new GemmTile(70, 4, 256, Int8, format)).Cycles);
    }

    [Fact]
    public void Activities_SerialAddsPerBitStep_DequantizePerGroup()
    {
        NumericFormat int4 = NumericFormats.Parse("int4-g64-sym");
        ActivityCounts counts = Array(8, 8, 4, 2, "int4-g64-sym").Evaluate(new GemmTile(8, 8, 128, Int8, int4)).Activities;
        long macs = 8L * 8 * 128, dots = macs / 4, outputGroups = 8L * 8 * 2;
        Assert.Equal(2 * macs, counts[Activity.Add(ArithmeticType.Int(10))]); // 2 steps of 2 bits: int8 × 2-bit chunks
        Assert.Equal((2 * dots) + outputGroups, counts[Activity.Shift(ArithmeticType.Int(32))]);
        Assert.Equal(outputGroups, counts[Activity.Multiply(ArithmeticType.Fp32, ArithmeticType.Fp32)]);
        Assert.Equal(0, counts[Activity.Multiply(ArithmeticType.Int(8), ArithmeticType.Int(4))]);
    }

    [Theory]
    [InlineData("int4-g128", 4, 2, 300)]
    [InlineData("int4-g32-sym", 4, 1, 300)]
    [InlineData("int2-g64", 3, 2, 256)]
    [InlineData("int8", 4, 2, 130)]
    [InlineData("int4", 1, 1, 77)]
    [InlineData("ternary", 4, 2, 200)]
    [InlineData("int8-gch", 8, 2, 129)]
    [InlineData("bitmod4-g128", 4, 2, 300)]
    [InlineData("bitmod3-g128", 4, 1, 256)]
    [InlineData("bitmod4-g32", 2, 1, 100)]
    public void Execute_IsBitExact_AgainstTheGroupwiseReference(string weight, int dot, int bitsPerCycle, int k)
    {
        var op = new GemmOp("g", 5, 33, k, Int8, NumericFormats.Parse(weight), 1, [], default);
        FunctionalOutcome outcome = FunctionalCheck.Run(Array(4, 8, dot, bitsPerCycle, weight), op, FunctionalMode.Full, 3, 0);
        Assert.True(outcome.Status == "exact", outcome.Detail);
    }

    [Fact]
    public void Kind_TakesIntegerAndBitModWeights_IntegerAndNarrowFloatActivations()
    {
        var kind = new BitSerialPeKind();
        ActivationFixedPointTests.AssertTakesIntegerAndNarrowFloatActivations(kind);
        foreach (string ok in new[] { "int8", "int4-g128", "ternary", "bitmod4-g128", "int8-gch" })
        {
            Assert.Null(kind.Unsupported(NumericFormats.Parse(ok), isWeight: true));
        }

        Assert.Contains("serially", kind.Unsupported(NumericFormats.Parse("mxfp4"), isWeight: true), StringComparison.Ordinal);
    }
}
