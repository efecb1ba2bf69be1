using AccelSim.Accelerator;
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
    /// <summary>A PE whose datapath is wrong in one output's lowest bit: the check must catch it.</summary>
    private sealed class OffByOneUlpPe(IPeModel inner) : IPeModel
    {
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

        public GemmResult Execute(QuantizedTensor a, QuantizedTensor w)
        {
            GemmResult result = inner.Execute(a, w);
            double[] values = [.. result.Values];
            values[^1] = Math.BitIncrement(values[^1]);
            return result with { Values = values };
        }
    }

    private static readonly NumericFormat Int8 = NumericFormats.Parse("int8");

    private static GemmOp Op => new("g", 16, 40, 300, Int8, Int8, 1, [], default);

    [Theory]
    [InlineData(FunctionalMode.Sample)]
    [InlineData(FunctionalMode.Full)]
    public void Check_CorrectPe_IsExact(FunctionalMode mode) =>
        Assert.Equal("exact", FunctionalCheck.Run(SystolicPeTests.Array(8, 8, Dataflow.WeightStationary), Op, mode, 1, 0).Status);

    [Fact]
    public void Check_PeOffByOneUlp_IsAMismatch_SayingWhere()
    {
        (string status, string detail) = FunctionalCheck.Run(new OffByOneUlpPe(SystolicPeTests.Array(8, 8, Dataflow.WeightStationary)), Op, FunctionalMode.Full, 1, 0);
        Assert.Equal("mismatch", status);
        Assert.Contains("1 outputs differ; first at (15, 39)", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_Off_IsSkipped() =>
        Assert.Equal("skipped", FunctionalCheck.Run(SystolicPeTests.Array(8, 8, Dataflow.WeightStationary), Op, FunctionalMode.Off, 1, 0).Status);
}
