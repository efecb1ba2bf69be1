using System.Globalization;

namespace AccelSim.Report.Charts;

/// <summary>
/// What every bar chart draws around its bars: the title, a linear value axis from zero with round ticks and grid
/// lines, the axes, the axis label and the legend; <see cref="Y"/> maps a value to its height in the plot.
/// </summary>
internal sealed class BarChartFrame
{
    public const int Left = 90;
    public const int Top = 50;
    private const int Bottom = 130;
    private readonly double topValue;

    public BarChartFrame(string title, string yLabel, int plotWidth, int right, double max)
    {
        PlotWidth = plotWidth;
        Svg = new SvgText(Left + plotWidth + right, 480);
        PlotHeight = Svg.Height - Top - Bottom;
        Svg.Label(Left + (plotWidth / 2.0), 28, title, "middle", 15, "bold");
        IReadOnlyList<double> ticks = AxisTicks.From0(max);
        topValue = ticks[^1];
        foreach (double tick in ticks)
        {
            Svg.Line(Left, Y(tick), Left + plotWidth, Y(tick), "#e0e0e0");
            Svg.Label(Left - 6, Y(tick) + 4, tick.ToString("#,0.###", CultureInfo.InvariantCulture), "end");
        }

        Svg.Line(Left, Top, Left, Top + PlotHeight, "#333333");
        Svg.Line(Left, Top + PlotHeight, Left + plotWidth, Top + PlotHeight, "#333333");
        Svg.Label(24, Top + (PlotHeight / 2), yLabel, "middle", 12, "normal", -90);
    }

    public SvgText Svg { get; }

    public int PlotWidth { get; }

    public double PlotHeight { get; }

    /// <summary>The height of <paramref name="value"/>, clamped to the axis.</summary>
    public double Y(double value) => Top + PlotHeight - (PlotHeight * Math.Clamp(value, 0, topValue) / topValue);

    /// <summary>Draws the legend (one swatch per series in palette order) and returns the finished SVG.</summary>
    public string Finish(IReadOnlyList<string> series)
    {
        for (int s = 0; s < series.Count; s++)
        {
            double y = Top + 10 + (s * 20);
            Svg.Rect(Left + PlotWidth + 20, y - 10, 12, 12, Palette.Colour(s));
            Svg.Label(Left + PlotWidth + 38, y, series[s]);
        }

        return Svg.ToString();
    }
}
