using System.Globalization;

namespace AccelSim.Report.Charts;

/// <summary>
/// What every bar chart draws around its bars: the title, a linear value axis from zero with round ticks and grid
/// lines, the axes, the axis label, one slanted label under each slot of the plot, and the legend; <see cref="Y"/>
/// maps a value to its height in the plot. The left and bottom margins grow so that no slanted label is cut off.
/// </summary>
internal sealed class BarChartFrame
{
    public const int Top = 50;
    private const int MinLeft = 90;
    private const int MinBottom = 130;
    private const int PlotHeightPx = 300;
    private const int LabelSize = 11;

    // Average advance of a sans-serif character, in ems: enough to keep labels inside the canvas without measuring fonts.
    private const double CharWidthEm = 0.6;
    private readonly double topValue;

    public BarChartFrame(string title, string yLabel, int plotWidth, int right, double max, IReadOnlyList<string> labels, double labelAngle)
    {
        ArgumentNullException.ThrowIfNull(labels);
        PlotWidth = plotWidth;
        PlotHeight = PlotHeightPx;
        double slot = (double)plotWidth / Math.Max(1, labels.Count);
        double radians = labelAngle * Math.PI / 180;
        static double Length(string s) => s.Length * CharWidthEm * LabelSize;
        Left = Math.Max(MinLeft, (int)Math.Ceiling(labels.Select((l, i) => (Length(l) * Math.Cos(radians)) - (slot * (i + 0.5))).DefaultIfEmpty(0).Max() + 8));
        int bottom = Math.Max(MinBottom, (int)Math.Ceiling(labels.Select(l => Length(l) * Math.Sin(radians)).DefaultIfEmpty(0).Max() + 30));
        Svg = new SvgText(Left + plotWidth + right, Top + PlotHeightPx + bottom);
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
        Svg.Label(Left - 66, Top + (PlotHeight / 2), yLabel, "middle", 12, "normal", -90);
        for (int i = 0; i < labels.Count; i++)
        {
            Svg.Label(Left + (slot * (i + 0.5)), Top + PlotHeight + 14, labels[i], "end", LabelSize, "normal", -labelAngle);
        }
    }

    /// <summary>Where the plot starts: wide enough for the value labels and the first slanted labels.</summary>
    public int Left { get; }

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
