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
        double max = groups.SelectMany(g => g.Values).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var frame = new BarChartFrame(title, yLabel, Math.Max(360, groups.Count * ((series.Count * 34) + 30)), 170, Math.Max(max, referenceLine ?? 0),
            [.. groups.Select(g => g.Label)], 30);
        SvgText svg = frame.Svg;
        double Y(double v) => frame.Y(v);
        double slot = (double)frame.PlotWidth / Math.Max(1, groups.Count);
        double barWidth = slot * 0.8 / Math.Max(1, series.Count);
        for (int g = 0; g < groups.Count; g++)
        {
            double x0 = frame.Left + (slot * g) + (slot * 0.1);
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
        }

        if (referenceLine is double line)
        {
            svg.Line(frame.Left, Y(line), frame.Left + frame.PlotWidth, Y(line), "#333333", 1.5);
        }

        return frame.Finish(series);
    }
}
