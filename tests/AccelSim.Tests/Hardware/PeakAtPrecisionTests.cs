using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Hardware;
using AccelSim.Numerics;

namespace AccelSim.Tests.Hardware;

/// <summary>
/// The roofline's peaks per weight precision are what the cost model delivers: a long GEMM of a listed weight format
/// on each shipped design's units reaches at most its datapath peak at that precision, and near it unless the group
/// dequantizers bound it (which ops.csv's <c>bound</c> reports).
/// </summary>
public class PeakAtPrecisionTests
{
    public static TheoryData<string> Designs => [.. new[] { "bitserial-bitmod", "lut-tensor-core", "int8-systolic", "mixpe-w4a8", "fp16-dequant-baseline" }];

    [Theory]
    [MemberData(nameof(Designs))]
    public void ALongGemm_RunsAtMostAtThePeakOfItsWeightPrecision_AndNearIt(string name)
    {
        var diagnostics = new Diagnostics();
        ArchitectureConfig? design = ArchitectureLoader.Load(Path.Combine(AppContext.BaseDirectory, "arch-configs", name + ".yaml"), [], diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Errors));
        foreach (IPeModel unit in design!.Compute.Select(c => c.Build()))
        {
            NumericFormat activation = unit.ActivationFormats[0];
            foreach (NumericFormat weight in unit.WeightFormats.Where(w => unit.CannotRun(activation, w) is null))
            {
                long peak = unit.PeakMacsPerCycleAt(weight);
                Assert.True(peak <= unit.PeakMacsPerCycle, $"{name}/{unit.Name} at {weight.Name}: {peak} above the unit's peak {unit.PeakMacsPerCycle}");
                TileCost cost = unit.Evaluate(new GemmTile(8192, unit.Granule.N * 8, 16384, activation, weight));
                double achieved = (double)cost.Macs / cost.Cycles;
                Assert.True(achieved <= peak * (1 + 1e-9), $"{name}/{unit.Name} at {weight.Name}: {achieved:F1} MACs/cycle above its peak {peak}");
                bool dequantizerBound = cost.DequantizerCycles > cost.Cycles - cost.FillDrainCycles;
                Assert.True(dequantizerBound || achieved >= peak * 0.8, $"{name}/{unit.Name} at {weight.Name}: {achieved:F1} MACs/cycle, far below its peak {peak}");
            }
        }
    }
}
