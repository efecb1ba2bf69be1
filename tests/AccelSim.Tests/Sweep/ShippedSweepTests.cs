using AccelSim.Accelerator;
using AccelSim.Config.Yaml;
using AccelSim.Sweep;

namespace AccelSim.Tests.Sweep;

public class ShippedSweepTests
{
    [Theory]
    [InlineData("pe-kinds-llama2-7b", 72)]
    [InlineData("systolic-size", 90)]
    [InlineData("moe-offload", 27)]
    [InlineData("npu-pim", 45)]
    public void ShippedSweep_Loads_AndItsFirstAndLastPointsRun(string name, int points)
    {
        var diagnostics = new Diagnostics();
        SweepSpec? spec = SweepSpecReader.Load(Path.Combine(AppContext.BaseDirectory, "arch-configs", "sweeps", $"{name}.yaml"), diagnostics);
        Assert.True(spec is not null, string.Join("\n", diagnostics.Errors));
        IReadOnlyList<SweepPoint> all = SweepExpansion.Points(spec!);
        Assert.Equal(points, all.Count);
        // Timing only here: the functional checks the specs ask for are what the shipped runs measure, slowly in Debug.
        SweepSpec quick = spec! with { Functional = FunctionalMode.Off };
        foreach (SweepPoint point in new[] { all[0], all[^1] })
        {
            PointResult result = PointEvaluator.Evaluate(quick, point);
            Assert.True(result.Status == PointResult.Ok, $"#{point.Index}: {result.Error}");
            Assert.True(result.Metric("tokens_per_s") > 0);
            Assert.True(result.Metric("energy_per_token_uj") > 0);
        }
    }
}
