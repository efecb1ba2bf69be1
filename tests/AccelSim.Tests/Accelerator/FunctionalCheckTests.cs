using AccelSim.Accelerator;
using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Cost;
using AccelSim.Hardware;
using AccelSim.Hardware.Systolic;
using AccelSim.Numerics;
using AccelSim.Tests.Hardware;
using AccelSim.Units;
using AccelSim.Workloads;

namespace AccelSim.Tests.Accelerator;

public class FunctionalCheckTests
{
    /// <summary>Another PE's model, with its datapath's results passed through <see cref="Corrupt"/>.</summary>
    private abstract class WrongPe(IPeModel inner) : IPeModel
    {
        protected IPeModel Inner => inner;
        public string Kind => inner.Kind;
        public string Name => inner.Name;
        public Frequency Clock => inner.Clock;
        public string Description => inner.Description;
        public long PeakMacsPerCycle => inner.PeakMacsPerCycle;
        public int AccumulatorBits => inner.AccumulatorBits;
        public TileGranule Granule => inner.Granule;
        public IReadOnlyList<NumericFormat> ActivationFormats => inner.ActivationFormats;
        public IReadOnlyList<NumericFormat> WeightFormats => inner.WeightFormats;
        public string? CannotRun(NumericFormat activation, NumericFormat weight) => inner.CannotRun(activation, weight);
        public TileCost Evaluate(in GemmTile tile) => inner.Evaluate(tile);
        public IReadOnlyList<AreaItem> Inventory => inner.Inventory;
        public NumericContract Numerics(NumericFormat activation, NumericFormat weight) => inner.Numerics(activation, weight);
        public abstract GemmResult Execute(QuantizedTensor a, QuantizedTensor w);

        /// <summary>The result with the lowest bit of each output from index <paramref name="from"/> on raised.</summary>
        protected static GemmResult Corrupt(GemmResult result, int from)
        {
            double[] values = [.. result.Values];
            for (int i = from; i < values.Length; i++)
            {
                values[i] = Math.BitIncrement(values[i]);
            }

            return result with { Values = values };
        }
    }

    /// <summary>A PE whose datapath is wrong in the lowest bit of its last output, or of every output in the rows from
    /// <paramref name="fromRow"/> on: the check must catch it.</summary>
    private sealed class OffByOneUlpPe(IPeModel inner, int fromRow = -1) : WrongPe(inner)
    {
        public override GemmResult Execute(QuantizedTensor a, QuantizedTensor w)
        {
            GemmResult result = Inner.Execute(a, w);
            return Corrupt(result, fromRow < 0 ? result.Values.Length - 1 : fromRow * w.Vectors);
        }
    }

    /// <summary>A PE whose step-by-step emulation (not its shortcut) is wrong in its last output's lowest bit. It names
    /// IPeModel again so that its ExecuteStepByStep, not the interface's default, is the one called.</summary>
    private sealed class SteppedWrongPe(IPeModel inner) : WrongPe(inner), IPeModel
    {
        public override GemmResult Execute(QuantizedTensor a, QuantizedTensor w) => Inner.Execute(a, w);

        public GemmResult ExecuteStepByStep(QuantizedTensor a, QuantizedTensor w)
        {
            GemmResult result = Inner.ExecuteStepByStep(a, w);
            return Corrupt(result, result.Values.Length - 1);
        }
    }

    private static readonly NumericFormat Int8 = NumericFormats.Parse("int8");

    private static GemmOp Op => new("g", 16, 40, 300, Int8, Int8, 1, [], default);

    [Theory]
    [InlineData(FunctionalMode.Sample)]
    [InlineData(FunctionalMode.Full)]
    public void Check_CorrectPe_IsExact(FunctionalMode mode) =>
        Assert.Equal("exact", FunctionalCheck.Run(SystolicPeTests.Array(8, 8, Dataflow.WeightStationary), Op, mode, 1, 0).Status);

    public static TheoryData<string> ShippedDesigns() => Cost.RunEnergyTests.ShippedDesigns();

    [Theory]
    [MemberData(nameof(ShippedDesigns))]
    public void Check_InSlicesOfColumns_IsTheCheckOfAllAtOnce(string design)
    {
        // Weights are made, quantized and run a slice of columns at a time; per-tensor scales come from the whole
        // tensor's range. Every unit of every shipped design, on every pair of its formats: the outcome (status, text,
        // error sums, overflows) must not depend on the slicing, also for a PE wrong in rows 1 and 2 (every slice holds
        // every row: the first mismatch is (1, 0) and there are 74 in all, however the columns are cut).
        var diagnostics = new Diagnostics();
        ArchitectureConfig config = ArchitectureLoader.Load(Path.Combine(AppContext.BaseDirectory, "arch-configs", design), [], diagnostics)!;
        foreach (ComputeUnitConfig unit in config.Compute)
        {
            IPeModel pe = unit.Build();
            foreach (NumericFormat activation in unit.ActivationFormats)
            {
                foreach (NumericFormat weight in unit.WeightFormats.Where(w => pe.CannotRun(activation, w) is null))
                {
                    var op = new GemmOp("g", 3, 37, 260, activation, weight, 1, [], default);
                    foreach (IPeModel checkedPe in new[] { pe, new OffByOneUlpPe(pe, fromRow: 1) })
                    {
                        FunctionalOutcome whole = FunctionalCheck.Run(checkedPe, op, FunctionalMode.Full, 5, 2, long.MaxValue);
                        FunctionalOutcome sliced = FunctionalCheck.Run(checkedPe, op, FunctionalMode.Full, 5, 2, 1);
                        Assert.Equal(whole, sliced);
                        Assert.True(checkedPe == pe ? whole.Status == "exact" : whole.Detail.Contains("74 outputs differ; first at (1, 0)", StringComparison.Ordinal),
                            $"{design}, {activation} × {weight}: {whole.Detail}");
                    }
                }
            }
        }
    }

    [Fact]
    public void FullCheck_AlsoRunsASampledBlockStepByStep_AndCatchesItsEmulationWrong()
    {
        IPeModel pe = SystolicPeTests.Array(8, 8, Dataflow.WeightStationary);
        FunctionalOutcome right = FunctionalCheck.Run(pe, Op, FunctionalMode.Full, 1, 0);
        Assert.Equal("exact", right.Status);
        Assert.Contains("of them also step by step", right.Detail, StringComparison.Ordinal);
        FunctionalOutcome wrong = FunctionalCheck.Run(new SteppedWrongPe(pe), Op, FunctionalMode.Full, 1, 0);
        Assert.Equal("mismatch", wrong.Status);
        Assert.Contains("differs from its shortcut in 1 of", wrong.Detail, StringComparison.Ordinal);
        // A sampled check runs the datapath once, as the shortcut.
        Assert.Equal("exact", FunctionalCheck.Run(new SteppedWrongPe(pe), Op, FunctionalMode.Sample, 1, 0).Status);
    }

    [Fact]
    public void Check_PeOffByOneUlp_IsAMismatch_SayingWhere()
    {
        (string status, string detail) = FunctionalCheck.Run(new OffByOneUlpPe(SystolicPeTests.Array(8, 8, Dataflow.WeightStationary)), Op, FunctionalMode.Full, 1, 0);
        Assert.Equal("mismatch", status);
        Assert.Contains("1 outputs differ; first at (15, 39)", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MeasuresQuantizationError_FewerBitsLessSqnr()
    {
        double Sqnr(string activation, string weight)
        {
            var op = new GemmOp("g", 16, 40, 300, NumericFormats.Parse(activation), NumericFormats.Parse(weight), 1, [], default);
            FunctionalOutcome outcome = FunctionalCheck.Run(SystolicPeTests.Array(8, 8, Dataflow.OutputStationary, activation, weight), op, FunctionalMode.Full, 1, 0);
            Assert.Equal("exact", outcome.Status);
            Assert.Equal(16 * 40, outcome.Outputs);
            return outcome.SqnrDb!.Value;
        }

        double fp32 = Sqnr("fp32", "fp32"), int8 = Sqnr("int8", "int8"), int4 = Sqnr("int8", "int4");
        Assert.True(fp32 > 100, $"fp32 {fp32} dB");
        Assert.InRange(int8, 20, 60);
        Assert.True(int4 < int8 - 10, $"int4 {int4} dB, int8 {int8} dB");
    }

    [Fact]
    public void Check_Off_IsSkipped() =>
        Assert.Equal("skipped", FunctionalCheck.Run(SystolicPeTests.Array(8, 8, Dataflow.WeightStationary), Op, FunctionalMode.Off, 1, 0).Status);
}
