using System.Globalization;

namespace AccelSim.Report.Charts;

/// <summary>One group of bars: a label and one value per series.</summary>
public sealed record BarGroup(string Label, IReadOnlyList<double> Values);

/// <summary>
/// A grouped bar chart as hand-written SVG: one group per label, one bar per series in each, a linear axis from
/// zero with round ticks, an optional reference line (such as 1× for values normalised to a baseline), values
/// printed above the bars and in tooltips. Deterministic text.
/// </summary>
public static class GroupedBarChart
{
    public static string Render(string title, string yLabel, IReadOnlyList<BarGroup> groups, IReadOnlyList<string> series, double? referenceLine = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(series);
        const int left = 90, right = 170, top = 50, bottom = 130;
        int plotWidth = Math.Max(360, groups.Count * ((series.Count * 34) + 30));
        var svg = new SvgText(left + plotWidth + right, 480);
        double plotHeight = svg.Height - top - bottom;
        svg.Label(left + (plotWidth / 2.0), 28, title, "middle", 15, "bold");
        double max = groups.SelectMany(g => g.Values).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        IReadOnlyList<double> ticks = AxisTicks.From0(Math.Max(max, referenceLine ?? 0));
        double top0 = ticks[^1];
        double Y(double v) => top + plotHeight - (plotHeight * Math.Clamp(v, 0, top0) / top0);
        foreach (double tick in ticks)
        {
            svg.Line(left, Y(tick), left + plotWidth, Y(tick), "#e0e0e0");
            svg.Label(left - 6, Y(tick) + 4, tick.ToString("#,0.###", CultureInfo.InvariantCulture), "end");
        }

        svg.Line(left, top, left, top + plotHeight, "#333333");
        svg.Line(left, top + plotHeight, left + plotWidth, top + plotHeight, "#333333");
        svg.Label(24, top + (plotHeight / 2), yLabel, "middle", 12, "normal", -90);
        double slot = (double)plotWidth / Math.Max(1, groups.Count);
        double barWidth = slot * 0.8 / Math.Max(1, series.Count);
        for (int g = 0; g < groups.Count; g++)
        {
            double x0 = left + (slot * g) + (slot * 0.1);
            for (int s = 0; s < series.Count && s < groups[g].Values.Count; s++)
            {
                double value = groups[g].Values[s];
                if (!double.IsFinite(value))
                {
                    continue;
                }

                double x = x0 + (s * barWidth);
                string text = value.ToString("0.##", CultureInfo.InvariantCulture);
                svg.Rect(x, Y(value), barWidth - 2, Y(0) - Y(value), Palette.Colour(s), $"{groups[g].Label}, {series[s]}: {text}");
                svg.Label(x + (barWidth / 2) - 1, Y(value) - 4, text, "middle", 10);
            }

            svg.Label(x0 + (slot * 0.4), top + plotHeight + 14, groups[g].Label, "end", 11, "normal", -30);
        }

        if (referenceLine is double line)
        {
            svg.Line(left, Y(line), left + plotWidth, Y(line), "#333333", 1.5);
        }

        for (int s = 0; s < series.Count; s++)
        {
            double y = top + 10 + (s * 20);
            svg.Rect(left + plotWidth + 20, y - 10, 12, 12, Palette.Colour(s));
            svg.Label(left + plotWidth + 38, y, series[s]);
        }

        return svg.ToString();
    }
}
