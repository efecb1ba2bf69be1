using AccelSim.Sweep;

namespace AccelSim.Report.Charts;

/// <summary>One point of a scatter chart: its position, the series it belongs to, its tooltip, and whether it is marked (on the N-objective front).</summary>
public sealed record ScatterPoint(double X, double Y, string Series, string Tooltip, bool Marked);

/// <summary>An axis of a scatter chart: its label (with the unit), log or linear, and whether more is better along it.</summary>
public sealed record ScatterAxis(string Label, bool Log, bool HigherIsBetter);

/// <summary>
/// A scatter chart of design points as hand-written SVG: one colour and marker shape per series, points on the
/// N-objective Pareto front drawn solid with a dark outline and the others faded, the two-dimensional front of the
/// plotted pair as a step line (the boundary of what the front dominates), round ticks on linear or log axes, a
/// legend, and a tooltip per point naming its settings. Deterministic text, so charts are compared byte for byte.
/// </summary>
public static class ScatterChart
{
    private const int Left = 90;
    private const int Top = 50;
    private const int PlotWidth = 560;
    private const int PlotHeight = 380;
    private const int LegendWidth = 230;

    /// <param name="note">What the legend says of the points: by default how many of those given could be drawn.</param>
    public static string Render(string title, ScatterAxis x, ScatterAxis y, IReadOnlyList<ScatterPoint> points, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(points);
        List<ScatterPoint> shown = [.. points.Where(p => Plottable(p.X, x) && Plottable(p.Y, y))];
        var svg = new SvgText(Left + PlotWidth + LegendWidth, Top + PlotHeight + 70);
        svg.Label(Left + (PlotWidth / 2.0), 28, title, "middle", 15, "bold");
        Func<double, double> px = Scale(shown.Select(p => p.X), x, Left, Left + PlotWidth, svg, vertical: false);
        Func<double, double> py = Scale(shown.Select(p => p.Y), y, Top + PlotHeight, Top, svg, vertical: true);
        svg.Line(Left, Top, Left, Top + PlotHeight, "#333333");
        svg.Line(Left, Top + PlotHeight, Left + PlotWidth, Top + PlotHeight, "#333333");
        svg.Label(Left + (PlotWidth / 2.0), Top + PlotHeight + 45, x.Label + (x.Log ? " (log scale)" : ""), "middle");
        svg.Label(24, Top + (PlotHeight / 2.0), y.Label + (y.Log ? " (log scale)" : ""), "middle", 12, "normal", -90);

        List<ScatterPoint> front = Front2D(shown, x.HigherIsBetter, y.HigherIsBetter);
        if (front.Count > 0)
        {
            var path = new List<(double X, double Y)> { (px(front[0].X), py(front[0].Y)) };
            for (int i = 1; i < front.Count; i++)
            {
                // The corner both neighbours dominate: the worse x and the worse y of the two.
                double cx = Worse(front[i - 1].X, front[i].X, x.HigherIsBetter), cy = Worse(front[i - 1].Y, front[i].Y, y.HigherIsBetter);
                path.Add((px(cx), py(cy)));
                path.Add((px(front[i].X), py(front[i].Y)));
            }

            // Out to the plot's edges: along x from the end with the worse x, along y from the end with the worse y.
            double worseXEdge = x.HigherIsBetter ? Left : Left + PlotWidth, worseYEdge = y.HigherIsBetter ? Top + PlotHeight : Top;
            if (x.HigherIsBetter)
            {
                path.Insert(0, (worseXEdge, path[0].Y));
                path.Add((path[^1].X, worseYEdge));
            }
            else
            {
                path.Insert(0, (path[0].X, worseYEdge));
                path.Add((worseXEdge, path[^1].Y));
            }

            svg.Polyline(path, "#333333", 1.5, dashed: true);
        }

        List<string> series = [.. shown.Select(p => p.Series).Distinct().Order(StringComparer.Ordinal)];
        foreach (ScatterPoint p in shown.OrderBy(p => p.Marked))
        {
            int s = series.IndexOf(p.Series);
            svg.Marker(px(p.X), py(p.Y), s, Palette.Colour(s), p.Marked, p.Tooltip);
        }

        double ly = Top + 10;
        for (int s = 0; s < series.Count; s++, ly += 20)
        {
            svg.Marker(Left + PlotWidth + 26, ly - 4, s, Palette.Colour(s), marked: true, tooltip: null);
            svg.Label(Left + PlotWidth + 38, ly, series[s].Length == 0 ? "(none)" : series[s]);
        }

        ly += 10;
        svg.Polyline([(Left + PlotWidth + 18, ly - 4), (Left + PlotWidth + 34, ly - 4)], "#333333", 1.5, dashed: true);
        svg.Label(Left + PlotWidth + 38, ly, "Pareto front of this pair");
        svg.Marker(Left + PlotWidth + 26, ly + 16, 0, "#bbbbbb", marked: true, tooltip: null);
        svg.Label(Left + PlotWidth + 38, ly + 20, "outlined: on the sweep's front");
        svg.Label(Left + PlotWidth + 38, ly + 36, note ?? FormattableString.Invariant($"{shown.Count} of {points.Count} points shown"), "start", 11);
        return svg.ToString();
    }

    /// <summary>The points no other plotted point beats on both axes, in ascending x.</summary>
    public static List<ScatterPoint> Front2D(IReadOnlyList<ScatterPoint> points, bool xHigherIsBetter, bool yHigherIsBetter)
    {
        ArgumentNullException.ThrowIfNull(points);
        bool[] front = ParetoFront.NonDominated([.. points.Select(p => new double?[] { p.X, p.Y })], [xHigherIsBetter, yHigherIsBetter]);
        return [.. points.Where((_, i) => front[i]).DistinctBy(p => (p.X, p.Y)).OrderBy(p => p.X).ThenBy(p => p.Y)];
    }

    private static double Worse(double a, double b, bool higherIsBetter) => higherIsBetter ? Math.Min(a, b) : Math.Max(a, b);

    private static bool Plottable(double v, ScatterAxis axis) => double.IsFinite(v) && (!axis.Log || v > 0);

    /// <summary>Draws the axis's ticks and grid and returns the value-to-pixel map.</summary>
    private static Func<double, double> Scale(IEnumerable<double> values, ScatterAxis axis, double from, double to, SvgText svg, bool vertical)
    {
        double[] v = [.. values];
        double min = v.Length == 0 ? (axis.Log ? 1 : 0) : v.Min(), max = v.Length == 0 ? (axis.Log ? 10 : 1) : v.Max();
        IReadOnlyList<double> ticks = axis.Log ? AxisTicks.Log(min, max) : AxisTicks.Linear(min, max);
        Func<double, double> t = axis.Log ? Math.Log10 : d => d;
        double lo = t(ticks[0]), hi = t(ticks[^1]);
        double Map(double d) => from + ((to - from) * (t(d) - lo) / (hi - lo));
        foreach (double tick in ticks)
        {
            double p = Map(tick);
            if (vertical)
            {
                svg.Line(Left, p, Left + PlotWidth, p, "#e6e6e6");
                svg.Label(Left - 6, p + 4, AxisTicks.Label(tick), "end", 11);
            }
            else
            {
                svg.Line(p, Top, p, Top + PlotHeight, "#e6e6e6");
                svg.Label(p, Top + PlotHeight + 16, AxisTicks.Label(tick), "middle", 11);
            }
        }

        return Map;
    }
}
