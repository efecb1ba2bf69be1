using AccelSim.Accelerator;
using AccelSim.Cost;
using AccelSim.Hardware;
using AccelSim.Hardware.LutCore;
using AccelSim.Numerics;
using AccelSim.Units;
using AccelSim.Workloads;

namespace AccelSim.Tests.Hardware;

public class LutCorePeTests
{
    private static readonly NumericFormat Int8 = NumericFormats.Parse("int8");

    internal static LutCorePe Core(
        int units, bool symmetric = true, bool fused = true, int tileM = 2, int tileN = 64, int tileK = 4, int planes = 1, int dequantizers = 8, params string[] weights) => new(
        new LutCoreConfig("lut", 1, Frequency.Parse("1 GHz"), [Int8], [.. (weights.Length == 0 ? ["int4-g128"] : weights).Select(NumericFormats.Parse)],
            units, tileM, tileN, tileK, planes, symmetric, fused, dequantizers));

    [Theory]
    [InlineData(1, 1, "int4-g128")] // 128 outputs finish a group every 32 tables × 4 planes = 128 cycles
    [InlineData(1, 4, "int4-g128", "int2-g64")] // W2 g64: every 16 × 2 = 32 cycles, so 4
    [InlineData(1, 1, "binary")] // no groups: each output is dequantized once
    [InlineData(2, 8, "int2-g64")] // both planes in one cycle: every 16 cycles
    public void Dequantizers_AreSizedFromTheDeclaredFormats(int planes, int expected, params string[] weights)
    {
        var config = new LutCoreConfig("lut", 1, Frequency.Parse("1 GHz"), [Int8], [.. weights.Select(NumericFormats.Parse)], 4, 2, 64, 4, planes, true, true);
        Assert.Equal(expected, config.DequantizersPerUnit);
        Assert.Equal(3, (config with { Dequantizers = 3 }).DequantizersPerUnit);
    }

    [Theory]
    [InlineData("int4-g128", true, 300, 1)]
    [InlineData("int4-g128-sym", false, 257, 1)]
    [InlineData("int2-g64", true, 130, 1)]
    [InlineData("ternary", true, 301, 1)]
    [InlineData("binary", false, 77, 1)]
    [InlineData("int4", true, 1 << 22, 127)]
    public void Shortcut_GivesTheBitsOfTheTableLookups_WrapsIncluded(string weight, bool symmetric, int k, int activation)
    {
        // The shortcut sums each group's activation × weight value at once; the datapath builds tables and looks up
        // bit planes. A per-tensor group of 2^22 products of 127 × 7 wraps the 32-bit register, in both alike.
        double[] av = activation == 1 ? SyntheticTensor.Generate(Distribution.Gaussian, 2, k, 1) : [.. Enumerable.Repeat((double)activation, k)];
        double[] wv = activation == 1 ? SyntheticTensor.Generate(Distribution.Laplace, 3, k, 2) : [.. Enumerable.Repeat(7.0, k)];
        int m = av.Length / k, n = wv.Length / k;
        QuantizedTensor a = Int8.Quantize(av, m, k), w = NumericFormats.Parse(weight).Quantize(wv, n, k);
        LutCorePe pe = Core(1, symmetric, weights: weight);
        GemmResult shortcut = pe.Execute(a, w), stepped = pe.ExecuteStepByStep(a, w);
        Assert.Equal(stepped.Values.Select(BitConverter.DoubleToInt64Bits), shortcut.Values.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(stepped.Overflows, shortcut.Overflows);
        Assert.Equal(activation == 1 ? 0 : 1, Math.Sign(shortcut.Overflows));
    }

    [Theory]
    [InlineData("binary", 1)]
    [InlineData("ternary", 2)]
    [InlineData("int2-g128", 2)]
    [InlineData("int4-g128", 4)]
    public void Cycles_OneLookupPerTablePerBitPlane(string weight, int bits)
    {
        // 4 units, M2 N64 K4, tile 2×256×512: 4 column blocks on 4 units (one round) of 128 tables × b planes,
        // plus the 4-stage pipeline; fused precompute first builds the row block's 128 tables.
        NumericFormat format = NumericFormats.Parse(weight);
        TileCost cost = Core(4, weights: weight).Evaluate(new GemmTile(2, 256, 512, Int8, format));
        Assert.Equal((128 * bits) + 4 + 128, cost.Cycles);
        Assert.Equal(1, cost.Folds);
    }

    [Fact]
    public void Cycles_PlanesPerCycle_AndInPePrecompute()
    {
        NumericFormat int4 = NumericFormats.Parse("int4-g128");
        // Two planes per cycle halve the stream; in-PE precompute hides table building behind the lookups.
        Assert.Equal((128 * 2) + 4, Core(4, fused: false, planes: 2).Evaluate(new GemmTile(2, 256, 512, Int8, int4)).Cycles);
        // Eight column blocks on four units: two rounds.
        Assert.Equal(2 * ((128 * 4) + 4), Core(4, fused: false).Evaluate(new GemmTile(2, 512, 512, Int8, int4)).Cycles);
    }

    [Fact]
    public void Rounds_BroadcastWeightsToRowBlocks_AndTablesToColumnBlocks()
    {
        // 64 rows = 32 row blocks; 128 units take all 32 row blocks × 4 column blocks per round: 16 rounds for 64
        // column blocks, the weights read from the buffer once and the activations once per round.
        NumericFormat int4 = NumericFormats.Parse("int4-g128");
        var tile = new GemmTile(64, 4096, 512, Int8, int4);
        TileCost cost = Core(128, fused: false).Evaluate(tile);
        Assert.Equal(16 * ((128 * 4) + 4), cost.Cycles);
        Assert.Equal(int4.TileBits(4096, 512) / 8, cost.Traffic.WeightReads.Bytes);
        Assert.Equal(16 * Int8.TileBits(64, 512) / 8, cost.Traffic.ActivationReads.Bytes);
    }

    [Fact]
    public void Cycles_DequantizerBound_WithSmallGroups()
    {
        // Groups of 16: a block has 2·64·(512/16) = 4096 group sums for 8 dequantizers = 512 cycles > 128·2 lookups.
        NumericFormat int2 = NumericFormats.Parse("int2-g16");
        Assert.Equal(512 + 4, Core(1, fused: false, weights: "int2-g16").Evaluate(new GemmTile(2, 64, 512, Int8, int2)).Cycles);
    }

    [Fact]
    public void Activities_SymmetricTableHalvesEntries_InPePrecomputeRepeatsPerColumnBlock()
    {
        NumericFormat int2 = NumericFormats.Parse("int2-g128");
        var tile = new GemmTile(2, 256, 512, Int8, int2);
        long lookups = 2L * 256 * 128 * 2;
        ActivityCounts fused = Core(4, weights: "int2-g128").Evaluate(tile).Activities;
        Assert.Equal(lookups * 10 * 7, fused[Activity.Select]); // entries of int8 + 2 bits, through an 8:1 mux tree of 7 2:1 muxes
        Assert.Equal(0, fused[Activity.Multiply(ArithmeticType.Int(8), ArithmeticType.Int(2))]);
        long adds(ActivityCounts c) => c[Activity.Add(ArithmeticType.Int(10))];
        Assert.Equal(lookups + (2 * 128 * 8), adds(fused)); // negate per lookup + 8 entries per table
        ActivityCounts full = Core(4, symmetric: false, weights: "int2-g128").Evaluate(tile).Activities;
        Assert.Equal(2 * 128 * 16, adds(full)); // 16 entries per table, no negation
        ActivityCounts inPe = Core(4, fused: false, weights: "int2-g128").Evaluate(tile).Activities;
        Assert.Equal(lookups + (4 * 2 * 128 * 8), adds(inPe)); // rebuilt in each of 4 column blocks
    }

    public static TheoryData<string, bool, int, int> Exactness => new()
    {
        { "int4-g128", true, 4, 300 },
        { "int4-g128", false, 4, 300 },
        { "int4-g128-sym", true, 3, 257 },
        { "int2-g64", true, 4, 256 },
        { "int2-g64-sym", false, 2, 130 },
        { "int3-g32", true, 5, 100 },
        { "ternary", true, 4, 200 },
        { "ternary", false, 4, 203 },
        { "binary", true, 4, 64 },
        { "binary", false, 3, 61 },
        { "int4", true, 4, 77 },
        { "int2", true, 6, 130 },
        { "int4-gch", true, 4, 129 },
    };

    [Theory]
    [MemberData(nameof(Exactness))]
    public void Execute_IsBitExact_AgainstTheGroupwiseReference(string weight, bool symmetric, int tileK, int k)
    {
        var op = new GemmOp("g", 5, 33, k, Int8, NumericFormats.Parse(weight), 1, [], default);
        LutCorePe core = Core(2, symmetric: symmetric, tileM: 2, tileN: 8, tileK: tileK, weights: weight);
        FunctionalOutcome outcome = FunctionalCheck.Run(core, op, FunctionalMode.Full, 4, 0);
        Assert.True(outcome.Status == "exact", outcome.Detail);
        // The check runs the shortcut on every output and the table lookups on a sampled block; the lookups on all.
        QuantizedTensor a = Int8.Quantize(SyntheticTensor.Generate(Distribution.Gaussian, 5, k, 6), 5, k);
        QuantizedTensor w = NumericFormats.Parse(weight).Quantize(SyntheticTensor.Generate(Distribution.Laplace, 33, k, 7), 33, k);
        Assert.Equal(core.Numerics(Int8, w.Format).Reference(a, w).Values, core.ExecuteStepByStep(a, w).Values);
    }

    [Fact]
    public void Kind_TakesLowBitWeights_IntegerAndNarrowFloatActivations()
    {
        var kind = new LutCoreKind();
        ActivationFixedPointTests.AssertTakesIntegerAndNarrowFloatActivations(kind);
        foreach (string ok in new[] { "int4-g128", "int2-g64", "ternary", "binary", "int3", "int8", "int8-g128" })
        {
            Assert.Null(kind.Unsupported(NumericFormats.Parse(ok), isWeight: true));
        }

        foreach (string bad in new[] { "bitmod4-g128", "mxfp4", "uint4" })
        {
            Assert.Contains("bit planes", kind.Unsupported(NumericFormats.Parse(bad), isWeight: true), StringComparison.Ordinal);
        }
    }
}
