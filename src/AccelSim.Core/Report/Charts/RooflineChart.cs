namespace AccelSim.Report.Charts;

/// <summary>A compute roof: a unit's name and its peak in TOPS.</summary>
public sealed record Roof(string Name, double PeakTops);

/// <summary>
/// A roofline chart as hand-written SVG, log-log: attainable TOPS against arithmetic intensity (operations per byte
/// of off-chip traffic), the memory roof (bandwidth × intensity) meeting each compute roof at its ridge point, and
/// the points placed on it with a tooltip each, one colour and marker per series.
/// </summary>
public static class RooflineChart
{
    private const int Left = 90;
    private const int Top = 50;
    private const int PlotWidth = 560;
    private const int PlotHeight = 380;

    public static string Render(string title, IReadOnlyList<Roof> roofs, double bandwidthGBps, IReadOnlyList<ScatterPoint> points, string footnote)
    {
        ArgumentNullException.ThrowIfNull(roofs);
        ArgumentNullException.ThrowIfNull(points);
        List<ScatterPoint> shown = [.. points.Where(p => p.X > 0 && p.Y > 0 && double.IsFinite(p.X) && double.IsFinite(p.Y))];
        // TOPS = GB/s × ops/B / 1000: the ridge of each roof is where bandwidth stops limiting it.
        double[] ridges = [.. roofs.Select(r => r.PeakTops * 1000 / bandwidthGBps)];
        IEnumerable<double> xs = shown.Select(p => p.X).Concat(ridges);
        IEnumerable<double> ys = shown.Select(p => p.Y).Concat(roofs.Select(r => r.PeakTops));
        IReadOnlyList<double> xTicks = AxisTicks.Log(xs.DefaultIfEmpty(1).Min() / 2, xs.DefaultIfEmpty(10).Max() * 2);
        IReadOnlyList<double> yTicks = AxisTicks.Log(ys.DefaultIfEmpty(1).Min() / 2, ys.DefaultIfEmpty(10).Max() * 2);
        double PxX(double v) => Left + (PlotWidth * (Math.Log10(v) - Math.Log10(xTicks[0])) / (Math.Log10(xTicks[^1]) - Math.Log10(xTicks[0])));
        double PxY(double v) => Top + PlotHeight - (PlotHeight * (Math.Log10(v) - Math.Log10(yTicks[0])) / (Math.Log10(yTicks[^1]) - Math.Log10(yTicks[0])));

        var svg = new SvgText(Left + PlotWidth + 250, Top + PlotHeight + 90);
        svg.Label(Left + (PlotWidth / 2.0), 28, title, "middle", 15, "bold");
        foreach (double t in xTicks)
        {
            svg.Line(PxX(t), Top, PxX(t), Top + PlotHeight, "#e6e6e6");
            svg.Label(PxX(t), Top + PlotHeight + 16, AxisTicks.Label(t), "middle", 11);
        }

        foreach (double t in yTicks)
        {
            svg.Line(Left, PxY(t), Left + PlotWidth, PxY(t), "#e6e6e6");
            svg.Label(Left - 6, PxY(t) + 4, AxisTicks.Label(t), "end", 11);
        }

        svg.Line(Left, Top, Left, Top + PlotHeight, "#333333");
        svg.Line(Left, Top + PlotHeight, Left + PlotWidth, Top + PlotHeight, "#333333");
        svg.Label(Left + (PlotWidth / 2.0), Top + PlotHeight + 45, "arithmetic intensity (operations per byte of off-chip traffic, log scale)", "middle");
        svg.Label(24, Top + (PlotHeight / 2.0), "attainable throughput (TOPS, log scale)", "middle", 12, "normal", -90);

        double x0 = xTicks[0], x1 = xTicks[^1];
        // Where the memory roof enters the plot: its left edge, or the bottom when it is below the plot there.
        double start = Math.Max(x0, yTicks[0] * 1000 / bandwidthGBps);
        for (int r = 0; r < roofs.Count; r++)
        {
            // The memory slope up to the ridge, then flat at the peak, clipped to the plot.
            double ridge = ridges[r];
            svg.Polyline([(PxX(start), PxY(start * bandwidthGBps / 1000)), (PxX(Math.Min(ridge, x1)), PxY(Math.Min(ridge, x1) * bandwidthGBps / 1000)), (PxX(x1), PxY(roofs[r].PeakTops))],
                "#555555", 1.6, dashed: r > 0);
            svg.Label(PxX(x1) - 4, PxY(roofs[r].PeakTops) - 5, FormattableString.Invariant($"{roofs[r].Name}: {AxisTicks.Label(Math.Round(roofs[r].PeakTops, 3))} TOPS peak"), "end", 11);
        }

        svg.Label(PxX(start) + 8, PxY(start * bandwidthGBps / 1000) - 8,
            FormattableString.Invariant($"memory: {AxisTicks.Label(Math.Round(bandwidthGBps, 1))} GB/s"), "start", 11, "normal",
            -Math.Atan2(PlotHeight / (Math.Log10(yTicks[^1]) - Math.Log10(yTicks[0])), PlotWidth / (Math.Log10(x1) - Math.Log10(x0))) * 180 / Math.PI);

        List<string> series = [.. shown.Select(p => p.Series).Distinct().Order(StringComparer.Ordinal)];
        foreach (ScatterPoint p in shown)
        {
            int s = series.IndexOf(p.Series);
            svg.Marker(PxX(p.X), PxY(p.Y), s, Palette.Colour(s), p.Marked, p.Tooltip);
        }

        double ly = Top + 10;
        foreach (string name in series)
        {
            int s = series.IndexOf(name);
            svg.Marker(Left + PlotWidth + 26, ly - 4, s, Palette.Colour(s), marked: true, tooltip: null);
            svg.Label(Left + PlotWidth + 38, ly, name);
            ly += 20;
        }

        svg.Label(Left, Top + PlotHeight + 70, footnote, "start", 11);
        return svg.ToString();
    }
}
