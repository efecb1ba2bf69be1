using AccelSim.Report.Charts;
using ScottPlot;

namespace AccelSim.Tests.Report;

/// <summary>
/// Charts are drawn by ScottPlot and compared with golden PNGs someone has looked at, within a tolerance (font
/// rasterisation may differ by a pixel here and there between machines), and with golden SVGs by their drawing
/// (element counts), not their bytes. To accept a deliberate change, run the tests with ACCELSIM_UPDATE_GOLDEN=1 and
/// look at the new PNGs.
/// </summary>
public class ChartGoldenTests
{
    private static readonly ScatterPoint[] Points =
    [
        new(1.5, 900, "int8", false), new(3, 700, "int8", true), new(6, 800, "int4", false),
        new(8, 400, "int4", true), new(12, 650, "ternary", true), new(12, 650, "ternary", true), new(2, 1200, "int8", false),
    ];

    /// <summary>Share of pixels that may differ from the golden PNG by more than a small amount in any channel.</summary>
    private const double PixelTolerance = 0.01;

    private static void AssertGolden(string name, Chart chart)
    {
        // The goldens are copied beside the test assembly; CallerFilePath cannot be used to find them because a CI
        // build (ContinuousIntegrationBuild) maps source paths to /_/.
        string copied = Path.Combine(AppContext.BaseDirectory, "Report", "Golden", name);
        byte[] png = chart.Png();
        string svg = chart.Svg();
        if (Environment.GetEnvironmentVariable("ACCELSIM_UPDATE_GOLDEN") == "1")
        {
            foreach (string directory in new[] { SourceGoldenDirectory(), Path.GetDirectoryName(copied)! })
            {
                File.WriteAllBytes(Path.Combine(directory, name + ".png"), png);
                File.WriteAllText(Path.Combine(directory, name + ".svg"), svg);
            }
        }

        Assert.True(File.Exists(copied + ".png"), $"no golden file {copied}.png; run with ACCELSIM_UPDATE_GOLDEN=1 and look at it");
        double differing = DifferingPixels(File.ReadAllBytes(copied + ".png"), png);
        Assert.True(differing <= PixelTolerance, $"{name}: {differing:P2} of the pixels differ from the golden PNG (tolerance {PixelTolerance:P0})");
        string golden = File.ReadAllText(copied + ".svg");
        foreach (string element in new[] { "<path", "<text", "<rect", "<circle" })
        {
            Assert.True(Count(golden, element) == Count(svg, element), $"{name}.svg: {Count(svg, element)} {element}> elements, the golden has {Count(golden, element)}");
        }
    }

    private static int Count(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;

    private static double DifferingPixels(byte[] expected, byte[] actual)
    {
        using SkiaSharp.SKBitmap e = SkiaSharp.SKBitmap.Decode(expected);
        using SkiaSharp.SKBitmap g = SkiaSharp.SKBitmap.Decode(actual);
        if (e.Width != g.Width || e.Height != g.Height)
        {
            return 1;
        }

        long differ = 0;
        for (int y = 0; y < e.Height; y++)
        {
            for (int x = 0; x < e.Width; x++)
            {
                SkiaSharp.SKColor p = e.GetPixel(x, y), q = g.GetPixel(x, y);
                if (Math.Abs(p.Red - q.Red) > 24 || Math.Abs(p.Green - q.Green) > 24 || Math.Abs(p.Blue - q.Blue) > 24)
                {
                    differ++;
                }
            }
        }

        return (double)differ / (e.Width * e.Height);
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
        using Chart chart = ScatterChart.Render("golden: energy against throughput", new ScatterAxis("throughput (tokens/s)", false, true),
            new ScatterAxis("energy per token (µJ/token)", true, false), Points);
        AssertGolden("scatter", chart);
    }

    [Fact]
    public void Roofline_MatchesItsGolden()
    {
        using Chart chart = RooflineChart.Render("golden: roofline", [new Roof("mxu", 30), new Roof("vector", 2)], 400,
            [new(5, 1.9, "q_proj", true), new(300, 25, "ffn", true), new(80, 12, "ffn", true)], "3 GEMMs placed");
        AssertGolden("roofline", chart);
    }

    [Fact]
    public void StackedBars_MatchTheirGolden()
    {
        using Chart chart = StackedBarChart.Render("golden: energy by component", "operation", "energy (µJ)",
            [new("ffn_up", [("compute", 40.0), ("sram", 25), ("dram", 10), ("pim", 0)]), new("q_proj", [("compute", 12.0), ("sram", 9), ("dram", 30), ("pim", 0)])],
            ["compute", "sram", "dram", "pim"]);
        AssertGolden("stacked", chart);
    }

    [Fact]
    public void ALegend_ListsOnlySeriesWithAValue()
    {
        using Chart chart = StackedBarChart.Render("t", "x", "y", [new("a", [("compute", 1.0), ("pim", 0)])], ["compute", "pim"]);
        Assert.Equal(["compute"], chart.Plot.Legend.ManualItems.Select(i => i.LabelText));
    }

    [Fact]
    public void SixSeries_GetSixDistinctMarkerAndColourPairs_AndDistinctMarkersForGreyscale()
    {
        string[] kinds = ["systolic", "bitserial", "lutcore", "shiftadd", "dequant-mac", "neupims"];
        ScatterPoint[] points = [.. kinds.Select((k, i) => new ScatterPoint(i + 1, 10 - i, k, i % 2 == 0))];
        using Chart chart = ScatterChart.Render("six kinds", new ScatterAxis("x", false, true), new ScatterAxis("y", false, false), points);
        LegendItem[] series = [.. chart.Plot.Legend.ManualItems.Where(i => kinds.Contains(i.LabelText))];
        Assert.Equal(6, series.Length);
        Assert.Equal(6, series.Select(i => (i.MarkerShape, i.MarkerFillColor)).Distinct().Count());
        Assert.Equal(6, series.Select(i => i.MarkerShape).Distinct().Count());

        // The points drawn carry their series' marker: every plotted scatter of points has a legend entry's shape and colour.
        var drawn = chart.Plot.GetPlottables<ScottPlot.Plottables.Scatter>().Where(s => s.LineWidth == 0 && s.MarkerSize > 0 && s.MarkerShape != MarkerShape.None)
            .Select(s => (s.MarkerShape, Color: s.MarkerFillColor.WithAlpha(1.0))).Distinct().ToList();
        Assert.All(drawn, d => Assert.Contains(series, i => i.MarkerShape == d.MarkerShape && i.MarkerFillColor == d.Color));
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
