using AccelSim.Hardware;
using AccelSim.Hardware.Systolic;
using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Tests.Hardware;

public class SystolicPeTests
{
    private static readonly NumericFormat Int8 = NumericFormats.Parse("int8");

    internal static SystolicPe Array(int rows, int columns, Dataflow dataflow, string activation = "int8", string weight = "int8") => new(
        new SystolicPeConfig("mxu", 1, Frequency.Parse("1 GHz"), [NumericFormats.Parse(activation)], [NumericFormats.Parse(weight)], rows, columns, dataflow));

    [Theory]
    [InlineData(Dataflow.WeightStationary)]
    [InlineData(Dataflow.InputStationary)]
    public void Preload_ShiftsEachStationaryElementThroughTheRowsAboveIt(Dataflow dataflow)
    {
        // 4 rows, K = 10: folds of 4, 4 and 2 rows. Shifting in from the top edge, a fold of h rows writes
        // 1 + 2 + … + h registers per column: 10 + 10 + 3 = 23 per column, for N = 6 weight columns (WS) or
        // M = 5 activation rows (IS), 8 bits each.
        var tile = new GemmTile(5, 6, 10, Int8, Int8);
        long preload = 23L * (dataflow == Dataflow.WeightStationary ? 6 : 5) * 8;
        long passing = tile.Macs * (8 + 32);
        Assert.Equal(passing + preload, Array(4, 3, dataflow).Evaluate(tile).Activities[AccelSim.Cost.Activity.RegisterWrite]);
    }

    // SCALE-Sim v2's printed "Total Cycles" with InterfaceBandwidth CALC (../shared/reference/scalesim.md). It prints
    // the index of the last cycle counted from 0, so the number of cycles is one more.
    [Theory]
    [InlineData(32, 32, Dataflow.OutputStationary, 64, 64, 64, 503)]
    [InlineData(128, 128, Dataflow.WeightStationary, 64, 64, 64, 445)]
    [InlineData(16, 16, Dataflow.InputStationary, 100, 37, 250, 9295)]
    [InlineData(128, 128, Dataflow.OutputStationary, 512, 4096, 4096, 556799)]
    public void Evaluate_WholeGemm_MatchesScaleSimTotalCycles(int rows, int columns, Dataflow dataflow, int m, int n, int k, long scaleSimTotal)
    {
        TileCost cost = Array(rows, columns, dataflow).Evaluate(new GemmTile(m, n, k, Int8, Int8));
        Assert.Equal(scaleSimTotal, cost.Cycles - 1);
    }

    /// <summary>
    /// An overlapped preload scheduled fold by fold: a fold's operand shifts in (R cycles) once the previous preload is
    /// done and the shadow register is free (the fold before has started streaming); a fold streams (T cycles) once
    /// its operand is in and the fold before has streamed; the last fold then skews and drains (R + C − 2).
    /// </summary>
    private static long FoldByFold(int rows, int columns, long folds, long t)
    {
        long preloadEnd = rows, streamStart = rows, streamEnd = rows + t;
        for (long f = 1; f < folds; f++)
        {
            preloadEnd = Math.Max(preloadEnd, streamStart) + rows;
            streamStart = Math.Max(streamEnd, preloadEnd);
            streamEnd = streamStart + t;
        }

        return streamEnd + rows + columns - 2;
    }

    [Theory]
    [InlineData(128, 128, Dataflow.WeightStationary, 64, 4096, 4096)]
    [InlineData(128, 128, Dataflow.WeightStationary, 256, 1024, 512)]
    [InlineData(128, 128, Dataflow.WeightStationary, 128, 200, 300)]
    [InlineData(16, 8, Dataflow.InputStationary, 40, 3, 100)]
    [InlineData(16, 8, Dataflow.InputStationary, 5, 77, 16)]
    public void Evaluate_OverlappedPreload_MatchesAFoldByFoldSchedule(int rows, int columns, Dataflow dataflow, int m, int n, int k)
    {
        var config = new SystolicPeConfig("mxu", 1, Frequency.Parse("1 GHz"), [Int8], [Int8], rows, columns, dataflow, OverlappedPreload: true);
        TileCost cost = new SystolicPe(config).Evaluate(new GemmTile(m, n, k, Int8, Int8));
        (long spread, long across, long t) = dataflow == Dataflow.WeightStationary ? (k, n, m) : (k, m, n);
        long folds = ((spread + rows - 1) / rows) * ((across + columns - 1) / columns);
        Assert.Equal(FoldByFold(rows, columns, folds, t), cost.Cycles);
        Assert.Equal(cost.Cycles - (folds * t), cost.FillDrainCycles);
        // Hiding the preloads never makes a tile slower, and a single fold has nothing to hide behind.
        TileCost serial = Array(rows, columns, dataflow).Evaluate(new GemmTile(m, n, k, Int8, Int8));
        Assert.True(cost.Cycles <= serial.Cycles);
        Assert.Equal(serial.Macs, cost.Macs);
        Assert.Equal(serial.Traffic, cost.Traffic);
    }

    [Fact]
    public void OverlappedPreload_CostsASecondStationaryRegisterPerPe()
    {
        NumericFormat int4 = NumericFormats.Parse("int4");
        SystolicPeConfig serial = new("mxu", 1, Frequency.Parse("1 GHz"), [Int8], [int4], 8, 4, Dataflow.WeightStationary);
        long Bits(SystolicPeConfig c) => new SystolicPe(c).Inventory.Where(i => i.Part == AccelSim.Cost.Activity.RegisterWrite).Sum(i => i.Count);
        Assert.Equal(8 * 4 * 4, Bits(serial with { OverlappedPreload = true }) - Bits(serial));
        Assert.Equal(8 * 4 * 8, Bits(serial with { Dataflow = Dataflow.InputStationary, OverlappedPreload = true }) - Bits(serial with { Dataflow = Dataflow.InputStationary }));
    }

    [Fact]
    public void Evaluate_EdgeFoldsTakeAFullFold()
    {
        SystolicPe pe = Array(32, 32, Dataflow.OutputStationary);
        Assert.Equal(
            pe.Evaluate(new GemmTile(64, 64, 64, Int8, Int8)).Cycles,
            pe.Evaluate(new GemmTile(33, 40, 64, Int8, Int8)).Cycles);
    }

    [Fact]
    public void Evaluate_WeightStationaryTraffic_ReadsWeightsOnceAndCountsSubByteWeights()
    {
        SystolicPe pe = Array(4, 4, Dataflow.WeightStationary, weight: "int4");
        TileCost cost = pe.Evaluate(new GemmTile(3, 8, 8, Int8, NumericFormats.Parse("int4")));
        Assert.Equal(2 * 2, cost.Folds);
        // 4-bit weights; the FP32 tensor scale is a register beside the array, not part of the tile's stream.
        Assert.Equal(8 * 8 * 4, cost.Traffic.WeightReads.Bits);
        Assert.Equal(3 * 8 * 8 * 2, cost.Traffic.ActivationReads.Bits);
        Assert.Equal(3 * 8 * 32 * 2, cost.Traffic.OutputWrites.Bits);
        Assert.Equal(3 * 8 * 32, cost.Traffic.PartialSumReads.Bits);
    }

    [Theory]
    [InlineData(Dataflow.OutputStationary, "int8", "int8", 0)]
    [InlineData(Dataflow.WeightStationary, "int8", "int4", 1)]
    [InlineData(Dataflow.InputStationary, "int6", "ternary", 2)]
    [InlineData(Dataflow.WeightStationary, "fp8-e4m3", "fp8-e4m3", 3)]
    [InlineData(Dataflow.InputStationary, "bf16", "fp4-e2m1", 4)]
    [InlineData(Dataflow.OutputStationary, "fp16", "fp16", 5)]
    public void Execute_MatchesTheReferenceGemmBitForBit(Dataflow dataflow, string activation, string weight, int seed)
    {
        SystolicPe pe = Array(8, 4, dataflow, activation, weight);
        NumericFormat af = NumericFormats.Parse(activation);
        NumericFormat wf = NumericFormats.Parse(weight);
        const int m = 5, n = 7, k = 37;
        QuantizedTensor a = af.Quantize(SyntheticTensor.Generate(Distribution.Gaussian, m, k, seed), m, k);
        QuantizedTensor w = wf.Quantize(SyntheticTensor.Generate(Distribution.Laplace, n, k, seed + 100), n, k);
        GemmResult array = pe.Execute(a, w);
        GemmResult reference = pe.Numerics(af, wf).Reference(a, w);
        Assert.Equal(reference.Values, array.Values);
    }

    [Theory]
    [InlineData(Dataflow.WeightStationary, "int8", "int8", 1, 300)]
    [InlineData(Dataflow.OutputStationary, "int8", "int4", 2, 4099)]
    [InlineData(Dataflow.InputStationary, "int6", "ternary", 3, 37)]
    [InlineData(Dataflow.WeightStationary, "int8", "int2", 4, 15)]
    public void Execute_WholeDotProducts_AreTheStepByStepArrayBitForBit(Dataflow dataflow, string activation, string weight, int seed, int k)
    {
        SystolicPe pe = Array(16, 4, dataflow, activation, weight);
        const int m = 3, n = 5;
        QuantizedTensor a = NumericFormats.Parse(activation).Quantize(SyntheticTensor.Generate(Distribution.Gaussian, m, k, seed), m, k);
        QuantizedTensor w = NumericFormats.Parse(weight).Quantize(SyntheticTensor.Generate(Distribution.Laplace, n, k, seed + 100), n, k);
        GemmResult shortcut = pe.Execute(a, w), stepped = pe.ExecuteStepByStep(a, w);
        Assert.Equal(stepped.Values.Select(BitConverter.DoubleToInt64Bits), shortcut.Values.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(0, stepped.Overflows);
    }

    [Theory]
    [InlineData(131_071, false)] // K · 128 · 128 = 2,147,467,264: inside INT32, whole dot products
    [InlineData(133_200, true)]  // −127 · −127 · K leaves INT32: every step, and the wraps counted
    public void Execute_AtTheInt32Bound_WrapsAndCountsLikeTheArray(int k, bool wraps)
    {
        SystolicPe pe = Array(128, 4, Dataflow.WeightStationary);
        double[] ones = [.. Enumerable.Repeat(-1.0, k)];
        QuantizedTensor a = Int8.Quantize(ones, 1, k), w = Int8.Quantize(ones, 1, k);
        GemmResult shortcut = pe.Execute(a, w), stepped = pe.ExecuteStepByStep(a, w);
        Assert.Equal(BitConverter.DoubleToInt64Bits(stepped.Values[0]), BitConverter.DoubleToInt64Bits(shortcut.Values[0]));
        Assert.Equal(stepped.Overflows, shortcut.Overflows);
        Assert.Equal(wraps, shortcut.Overflows > 0);
        double scale = a.Scale(0, 0) * w.Scale(0, 0);
        long exact = (long)k * 127 * 127;
        Assert.Equal(wraps ? unchecked((int)exact) * scale : exact * scale, shortcut.Values[0]);
    }

    [Fact]
    public void Execute_FloatWeightStationary_RoundsPerFoldNotSequentially()
    {
        // Values chosen so that summing a fold first differs from summing in order in FP32.
        NumericFormat fp32 = NumericFormats.Parse("fp32");
        double[] av = [1, 1, 1, 1];
        double[] wv = [1e8, 1, -1e8, 1];
        QuantizedTensor a = fp32.Quantize(av, 1, 4);
        QuantizedTensor w = fp32.Quantize(wv, 1, 4);
        SystolicPe ws = Array(2, 2, Dataflow.WeightStationary, "fp32", "fp32");
        SystolicPe os = Array(2, 2, Dataflow.OutputStationary, "fp32", "fp32");
        Assert.Equal(1.0, os.Execute(a, w).Values[0]);   // ((1e8 + 1) − 1e8) + 1: the first 1 is lost
        Assert.Equal(0.0, ws.Execute(a, w).Values[0]);   // (1e8 + 1) + (−1e8 + 1): both are lost
        Assert.Equal(ws.Numerics(fp32, fp32).Reference(a, w).Values, ws.Execute(a, w).Values);
        Assert.Equal(os.Numerics(fp32, fp32).Reference(a, w).Values, os.Execute(a, w).Values);
        Assert.Equal(1.0, ReferenceGemm.Compute(a, w, Accumulator.Fp32).Values[0]);
    }

    [Fact]
    public void CannotRun_NamesTheFormatNotDeclared()
    {
        SystolicPe pe = Array(4, 4, Dataflow.WeightStationary);
        Assert.Null(pe.CannotRun(Int8, Int8));
        Assert.Contains("weight format int4 is not one of mxu's weight_formats (int8)", pe.CannotRun(Int8, NumericFormats.Parse("int4")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mxfp4", "scale every 32 elements")]
    [InlineData("int4-g128", "scale every 128 elements")]
    [InlineData("int4-gch", "zero points")]
    public void Kind_RejectsFormatsThePlainArrayCannotRun(string format, string expected) =>
        Assert.Contains(expected, new SystolicPeKind().Unsupported(NumericFormats.Parse(format), isWeight: true), StringComparison.Ordinal);
}
