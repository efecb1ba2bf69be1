using AccelSim.Accelerator.Moe;
using AccelSim.Numerics;
using AccelSim.Workloads;
using AccelSim.Workloads.Moe;

namespace AccelSim.Tests.Accelerator.Moe;

public class MoeLayerErrorTests
{
    private static readonly ExpertChoice[] Choices = [new(3, 0.7), new(5, 0.3)];

    private static MoeLayerError Error(int shared, string format = "fp32")
    {
        NumericFormat f = NumericFormats.Parse(format);
        return new MoeLayerError(VectorOpKind.Silu, NumericFormats.Parse("fp32"), _ => f, shared, f, seed: 1);
    }

    [Fact]
    public void EveryRoutedExpertSkipped_WithoutSharedExperts_LosesTheWholeSignal()
    {
        MoeLayerError error = Error(shared: 0);
        error.Add(0, 1, Choices, [ExpertPrecision.Skip, ExpertPrecision.Skip]);
        Assert.Equal(0, error.SqnrDb!.Value, 12);
    }

    [Fact]
    public void SharedExperts_CountInBothOutputs()
    {
        // Skipping the routed experts loses only their part: the shared experts' output is in both.
        MoeLayerError skipped = Error(shared: 2);
        skipped.Add(0, 1, Choices, [ExpertPrecision.Skip, ExpertPrecision.Skip]);
        Assert.True(skipped.SqnrDb > 1, $"{skipped.SqnrDb} dB");

        // Run at fp32, shared and routed experts alike err only by single-precision rounding.
        MoeLayerError exact = Error(shared: 2);
        exact.Add(0, 1, Choices, [ExpertPrecision.High, ExpertPrecision.High]);
        Assert.True(exact.SqnrDb > 120, $"{exact.SqnrDb} dB");

        // In int4 the shared experts' own quantization error shows even when every routed expert is exact.
        MoeLayerError coarse = new(VectorOpKind.Silu, NumericFormats.Parse("fp32"), _ => NumericFormats.Parse("fp32"), 2, NumericFormats.Parse("int4-g32"), seed: 1);
        coarse.Add(0, 1, Choices, [ExpertPrecision.High, ExpertPrecision.High]);
        Assert.True(coarse.SqnrDb < 40, $"{coarse.SqnrDb} dB");
    }
}
