using AccelSim.Report.Charts;

namespace AccelSim.Tests.Report;

/// <summary>
/// Charts are deterministic text: the same data gives the same bytes, compared with golden files someone has looked
/// at (rendered to PNG). To accept a deliberate change, run the tests with ACCELSIM_UPDATE_GOLDEN=1 and look again.
/// </summary>
public class ChartGoldenTests
{
    private static readonly ScatterPoint[] Points =
    [
        new(1.5, 900, "int8", "a", false), new(3, 700, "int8", "b", true), new(6, 800, "int4", "c", false),
        new(8, 400, "int4", "d", true), new(12, 650, "ternary", "e <&>", true), new(12, 650, "ternary", "e twin", true), new(2, 1200, "int8", "f", false),
    ];

    private static void AssertGolden(string name, string svg)
    {
        // The goldens are copied beside the test assembly; CallerFilePath cannot be used to find them because a CI
        // build (ContinuousIntegrationBuild) maps source paths to /_/.
        string copied = Path.Combine(AppContext.BaseDirectory, "Report", "Golden", name);
        if (Environment.GetEnvironmentVariable("ACCELSIM_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(SourceGoldenDirectory(), name), svg);
            File.WriteAllText(copied, svg);
        }

        Assert.True(File.Exists(copied), $"no golden file {copied}; run with ACCELSIM_UPDATE_GOLDEN=1 and look at it");
        Assert.Equal(File.ReadAllText(copied), svg);
    }

    private static string SourceGoldenDirectory()
    {
        string? root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "AccelSim.sln")))
        {
            root = Path.GetDirectoryName(root);
        }

        Assert.NotNull(root);
        return Path.Combine(root, "tests", "AccelSim.Tests", "Report", "Golden");
    }

    [Fact]
    public void Scatter_MatchesItsGolden()
    {
        AssertGolden("scatter.svg", ScatterChart.Render("golden: energy against throughput", new ScatterAxis("throughput (tokens/s)", false, true),
            new ScatterAxis("energy per token (µJ/token)", true, false), Points));
    }

    [Fact]
    public void Roofline_MatchesItsGolden()
    {
        AssertGolden("roofline.svg", RooflineChart.Render("golden: roofline", [new Roof("mxu", 30), new Roof("vector", 2)], 400,
            [new(5, 1.9, "q_proj", "q", true), new(300, 25, "ffn", "ffn", true), new(80, 12, "ffn", "ffn2", true)], "3 GEMMs placed"));
    }

    [Fact]
    public void Front2D_IsTheNonDominatedPairs_OnceEach()
    {
        // More throughput and less energy are better: (12, 650) twice, (8, 400) and nothing else.
        List<ScatterPoint> front = ScatterChart.Front2D(Points, xHigherIsBetter: true, yHigherIsBetter: false);
        Assert.Equal([(8.0, 400.0), (12.0, 650.0)], front.Select(p => (p.X, p.Y)));
    }

    [Theory]
    [InlineData(0.5, 40, new[] { 0.1, 1.0, 10, 100 })]
    [InlineData(3, 40, new[] { 1.0, 2, 5, 10, 20, 50, 100 })]
    public void LogTicks_AreDecades_WithTwoAndFiveOnShortRanges(double min, double max, double[] ticks)
    {
        Assert.Equal(ticks, AxisTicks.Log(min, max).Select(t => Math.Round(t, 9)));
    }

    [Theory]
    [InlineData(13, 47, new[] { 10.0, 20, 30, 40, 50 })]
    [InlineData(-3, 3, new[] { -4.0, -2, 0, 2, 4 })]
    public void LinearTicks_CoverTheRange(double min, double max, double[] ticks)
    {
        Assert.Equal(ticks, AxisTicks.Linear(min, max));
    }

    [Theory]
    [InlineData(1500, "1,500")]
    [InlineData(25000, "25k")]
    [InlineData(2000000, "2M")]
    [InlineData(0.05, "0.05")]
    [InlineData(0.0002, "2e-4")]
    public void TickLabels_ReadWell(double value, string label)
    {
        Assert.Equal(label, AxisTicks.Label(value));
    }
}
