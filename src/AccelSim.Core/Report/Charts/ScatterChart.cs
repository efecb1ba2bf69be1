using AccelSim.Sweep;
using ScottPlot;

namespace AccelSim.Report.Charts;

/// <summary>One point of a scatter chart: its position, the series it belongs to, and whether it is marked (on the N-objective front).</summary>
public sealed record ScatterPoint(double X, double Y, string Series, bool Marked);

/// <summary>An axis of a scatter chart: its label (with the unit), log or linear, and whether more is better along it.</summary>
public sealed record ScatterAxis(string Label, bool Log, bool HigherIsBetter);

/// <summary>
/// A scatter chart of design points: one colour and marker shape per series (the legend lists only series present),
/// points on the N-objective Pareto front drawn larger and outlined and the others faded, and the two-dimensional
/// front of the plotted pair as a solid step line (the boundary of what the front dominates).
/// </summary>
public static class ScatterChart
{
    private const float PointSize = 8;
    private const float FrontPointSize = 11;

    /// <param name="note">What the legend says of the points: by default how many of those given could be drawn.</param>
    public static Chart Render(string title, ScatterAxis x, ScatterAxis y, IReadOnlyList<ScatterPoint> points, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(points);
        List<ScatterPoint> shown = [.. points.Where(p => Plottable(p.X, x) && Plottable(p.Y, y))];
        Plot plot = ChartStyle.NewPlot(title, x.Label + (x.Log ? " (log scale)" : ""), y.Label + (y.Log ? " (log scale)" : ""));
        double Px(double v) => x.Log ? Math.Log10(v) : v;
        double Py(double v) => y.Log ? Math.Log10(v) : v;
        (double x0, double x1) = Limits(shown.Select(p => p.X), x, plot.Axes.Bottom);
        (double y0, double y1) = Limits(shown.Select(p => p.Y), y, plot.Axes.Left);

        List<ScatterPoint> front = Front2D(shown, x.HigherIsBetter, y.HigherIsBetter);
        if (front.Count > 0)
        {
            var path = new List<Coordinates> { new(Px(front[0].X), Py(front[0].Y)) };
            for (int i = 1; i < front.Count; i++)
            {
                // The corner both neighbours dominate: the worse x and the worse y of the two.
                path.Add(new(Px(Worse(front[i - 1].X, front[i].X, x.HigherIsBetter)), Py(Worse(front[i - 1].Y, front[i].Y, y.HigherIsBetter))));
                path.Add(new(Px(front[i].X), Py(front[i].Y)));
            }

            // Out to the plot's edges: along x from the end with the worse x, along y from the end with the worse y.
            double worseX = x.HigherIsBetter ? x0 : x1, worseY = y.HigherIsBetter ? y0 : y1;
            if (x.HigherIsBetter)
            {
                path.Insert(0, new(worseX, path[0].Y));
                path.Add(new(path[^1].X, worseY));
            }
            else
            {
                path.Insert(0, new(path[0].X, worseY));
                path.Add(new(worseX, path[^1].Y));
            }

            ScottPlot.Plottables.Scatter line = plot.Add.ScatterLine(path, ChartStyle.Ink);
            line.LineWidth = 2;
        }

        List<string> series = [.. shown.Select(p => p.Series).Distinct().Order(StringComparer.Ordinal)];
        foreach (bool marked in new[] { false, true })
        {
            for (int s = 0; s < series.Count; s++)
            {
                ScatterPoint[] these = [.. shown.Where(p => p.Marked == marked && p.Series == series[s])];
                if (these.Length > 0)
                {
                    AddPoints(plot, [.. these.Select(p => new Coordinates(Px(p.X), Py(p.Y)))], s, marked);
                }
            }
        }

        for (int s = 0; s < series.Count; s++)
        {
            plot.Legend.ManualItems.Add(SeriesItem(series[s].Length == 0 ? "(none)" : series[s], s));
        }

        if (front.Count > 0)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Pareto front of this pair", LineColor = ChartStyle.Ink, LineWidth = 2 });
        }

        if (shown.Any(p => p.Marked))
        {
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = "larger, outlined: on the sweep's front",
                MarkerShape = MarkerShape.FilledCircle,
                MarkerSize = FrontPointSize,
                MarkerFillColor = Colors.LightGray,
                MarkerLineColor = Colors.LightGray,
                MarkerStyle = { OutlineColor = ChartStyle.Ink, OutlineWidth = 1.2f },
            });
        }

        ChartStyle.LegendNote(plot, note ?? FormattableString.Invariant($"{shown.Count} of {points.Count} points shown"));
        plot.ShowLegend(Edge.Right);
        plot.Axes.SetLimits(x0, x1, y0, y1);
        return new Chart(plot, 1000, 560);
    }

    /// <summary>A legend entry for series <paramref name="s"/>: its marker in its colour.</summary>
    public static LegendItem SeriesItem(string label, int s) => new()
    {
        LabelText = label,
        MarkerShape = ChartStyle.Marker(s),
        MarkerSize = FrontPointSize,
        MarkerFillColor = ChartStyle.Colour(s),
        MarkerLineColor = ChartStyle.Colour(s),
        MarkerLineWidth = 1.5f,
    };

    /// <summary>Series <paramref name="s"/>'s points: faded when <paramref name="marked"/> is false, larger and outlined when true.</summary>
    public static void AddPoints(Plot plot, Coordinates[] at, int s, bool marked)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ScottPlot.Plottables.Scatter points = plot.Add.ScatterPoints(at, ChartStyle.Colour(s));
        points.MarkerShape = ChartStyle.Marker(s);
        points.MarkerSize = marked ? FrontPointSize : PointSize;
        Color colour = ChartStyle.Colour(s);
        points.MarkerFillColor = marked ? colour : colour.WithAlpha(0.45);
        // Open and line shapes are drawn with the line colour, in the series colour; filled ones on the front get a dark outline.
        points.MarkerLineColor = points.MarkerFillColor;
        points.MarkerLineWidth = marked ? 1.8f : 1.2f;
        if (marked)
        {
            points.MarkerStyle.OutlineColor = ChartStyle.Ink;
            points.MarkerStyle.OutlineWidth = 1.2f;
        }
    }

    /// <summary>The points no other plotted point beats on both axes, in ascending x.</summary>
    public static List<ScatterPoint> Front2D(IReadOnlyList<ScatterPoint> points, bool xHigherIsBetter, bool yHigherIsBetter)
    {
        ArgumentNullException.ThrowIfNull(points);
        bool[] front = ParetoFront.NonDominated([.. points.Select(p => new double?[] { p.X, p.Y })], [xHigherIsBetter, yHigherIsBetter]);
        return [.. points.Where((_, i) => front[i]).DistinctBy(p => (p.X, p.Y)).OrderBy(p => p.X).ThenBy(p => p.Y)];
    }

    /// <summary>The axis's range in plotted units (log10 on a log axis) with a margin, and its ticks on a log axis.</summary>
    private static (double Low, double High) Limits(IEnumerable<double> values, ScatterAxis axis, ScottPlot.IAxis plotAxis)
    {
        double[] v = [.. values];
        if (axis.Log)
        {
            double min = v.Length == 0 ? 1 : v.Min(), max = v.Length == 0 ? 10 : v.Max();
            return ChartStyle.LogTicks(plotAxis, min, max);
        }

        double a = v.Length == 0 ? 0 : v.Min(), b = v.Length == 0 ? 1 : v.Max();
        double margin = b > a ? (b - a) * 0.05 : Math.Max(Math.Abs(a) * 0.1, 1);
        return (a - margin, b + margin);
    }

    private static double Worse(double a, double b, bool higherIsBetter) => higherIsBetter ? Math.Min(a, b) : Math.Max(a, b);

    private static bool Plottable(double v, ScatterAxis axis) => double.IsFinite(v) && (!axis.Log || v > 0);
}
