using ScottPlot;

namespace AccelSim.Report.Charts;

/// <summary>A compute roof: its name (a unit, and the weight precision it runs at) and its peak in TOPS.</summary>
public sealed record Roof(string Name, double PeakTops);

/// <summary>
/// A roofline chart, log-log: attainable TOPS against arithmetic intensity (operations per byte of off-chip traffic),
/// the memory roof (bandwidth × intensity) meeting each compute roof at its ridge point, and the points placed on it,
/// one colour and marker per series.
/// </summary>
public static class RooflineChart
{
    public static Chart Render(string title, IReadOnlyList<Roof> roofs, double bandwidthGBps, IReadOnlyList<ScatterPoint> points, string footnote)
    {
        ArgumentNullException.ThrowIfNull(roofs);
        ArgumentNullException.ThrowIfNull(points);
        List<ScatterPoint> shown = [.. points.Where(p => p.X > 0 && p.Y > 0 && double.IsFinite(p.X) && double.IsFinite(p.Y))];
        // TOPS = GB/s × ops/B / 1000: the ridge of each roof is where bandwidth stops limiting it.
        double[] ridges = [.. roofs.Select(r => r.PeakTops * 1000 / bandwidthGBps)];
        double[] xs = [.. shown.Select(p => p.X).Concat(ridges)];
        double[] ys = [.. shown.Select(p => p.Y).Concat(roofs.Select(r => r.PeakTops))];
        Plot plot = ChartStyle.NewPlot(title, "arithmetic intensity (operations per byte of off-chip traffic, log scale)", "attainable throughput (TOPS, log scale)");
        (double x0, double x1) = ChartStyle.LogTicks(plot.Axes.Bottom, xs.DefaultIfEmpty(1).Min() / 2, xs.DefaultIfEmpty(10).Max() * 2);
        (double y0, double y1) = ChartStyle.LogTicks(plot.Axes.Left, ys.DefaultIfEmpty(1).Min() / 2, ys.DefaultIfEmpty(10).Max() * 2);
        double bandwidth = Math.Log10(bandwidthGBps / 1000);

        for (int r = 0; r < roofs.Count; r++)
        {
            // The memory slope up to the ridge, then flat at the peak; in log space the slope is a line of gradient 1.
            double peak = Math.Log10(roofs[r].PeakTops), ridge = Math.Log10(ridges[r]);
            double start = Math.Max(x0, y0 - bandwidth);
            Coordinates[] roof = ridge > start
                ? [new(start, start + bandwidth), new(Math.Min(ridge, x1), Math.Min(ridge, x1) + bandwidth), new(x1, peak)]
                : [new(x0, peak), new(x1, peak)];
            ScottPlot.Plottables.Scatter line = plot.Add.ScatterLine(roof, ChartStyle.Ink.WithAlpha(r == 0 ? 1 : 0.7));
            line.LineWidth = 1.8f;
            line.LinePattern = r == 0 ? LinePattern.Solid : LinePattern.Dashed;
            ScottPlot.Plottables.Text label = plot.Add.Text(FormattableString.Invariant($"{roofs[r].Name}: {AxisTicks.Label(Math.Round(roofs[r].PeakTops, 3))} TOPS"), x1, peak);
            label.Alignment = Alignment.LowerRight;
            label.LabelFontSize = 11;
            label.LabelFontColor = ChartStyle.Ink;
        }

        ScottPlot.Plottables.Text memory = plot.Add.Text(FormattableString.Invariant($"memory: {AxisTicks.Label(Math.Round(bandwidthGBps, 1))} GB/s"),
            Math.Max(x0, y0 - bandwidth), Math.Max(x0, y0 - bandwidth) + bandwidth);
        memory.Alignment = Alignment.LowerLeft;
        memory.LabelFontSize = 11;
        memory.LabelFontColor = ChartStyle.Ink;
        memory.OffsetY = -4;

        List<string> series = [.. shown.Select(p => p.Series).Distinct().Order(StringComparer.Ordinal)];
        for (int s = 0; s < series.Count; s++)
        {
            ScatterChart.AddPoints(plot, [.. shown.Where(p => p.Series == series[s]).Select(p => new Coordinates(Math.Log10(p.X), Math.Log10(p.Y)))], s, marked: true);
            plot.Legend.ManualItems.Add(ScatterChart.SeriesItem(series[s], s));
        }

        ChartStyle.LegendNote(plot, footnote);
        plot.ShowLegend(Edge.Right);
        plot.Axes.SetLimits(x0, x1, y0, y1);
        return new Chart(plot, 980, 560);
    }
}
