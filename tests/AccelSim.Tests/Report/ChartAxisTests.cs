using AccelSim.Report;
using AccelSim.Sweep;

namespace AccelSim.Tests.Report;

/// <summary>A swept parameter on a chart axis: its values read in one unit for every point.</summary>
public class ChartAxisTests
{
    private static SweepManifest Manifest => new("s", "s.yaml", "f", ["weight_buffer", "clock", "dataflow"], [], 3, "");

    private static PointResult Point(int index, params string[] values) =>
        new(index, $"k{index}", "d.yaml", "w.yaml", values, "d", "systolic", PointResult.Ok, "", new Dictionary<string, double?>());

    [Fact]
    public void Sizes_ReadInMiB_FrequenciesInMHz_AndWordsAreRefused()
    {
        PointResult[] results = [Point(0, "512 KiB", "940 MHz", "weight-stationary"), Point(1, "4 MiB", "1.2 GHz", "output-stationary")];
        ChartAxis? size = ChartAxis.OfParameter(Manifest, results, "weight_buffer", out string? why);
        Assert.NotNull(size);
        Assert.Equal("weight_buffer (MiB)", size.Label);
        Assert.Equal([0.5, 4.0], results.Select(r => size.Value(r)));
        ChartAxis? clock = ChartAxis.OfParameter(Manifest, results, "clock", out _);
        Assert.Equal([940.0, 1200.0], results.Select(r => clock!.Value(r)));
        Assert.Null(ChartAxis.OfParameter(Manifest, results, "dataflow", out why));
        Assert.Contains("not numbers (weight-stationary, output-stationary)", why, StringComparison.Ordinal);
    }
}
