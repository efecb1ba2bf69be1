using System.Globalization;

namespace AccelSim.Report.Charts;

/// <summary>One bar: a label and its segments, bottom to top, as (series, value).</summary>
public sealed record StackedBar(string Label, IReadOnlyList<(string Series, double Value)> Segments);

/// <summary>
/// A vertical stacked bar chart as hand-written SVG: a linear axis from zero with round ticks, one colour per
/// series in a legend, a tooltip per segment. Deterministic text, so charts can be compared byte for byte.
/// </summary>
public static class StackedBarChart
{
    public static string Render(string title, string yLabel, IReadOnlyList<StackedBar> bars, IReadOnlyList<string> series)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(series);
        const int left = 90, right = 190, top = 50, bottom = 130;
        int plotWidth = Math.Max(360, bars.Count * 48);
        var svg = new SvgText(left + plotWidth + right, 480);
        double plotHeight = svg.Height - top - bottom;
        svg.Label(left + (plotWidth / 2.0), 28, title, "middle", 15, "bold");
        double max = bars.Count == 0 ? 0 : bars.Max(b => b.Segments.Sum(s => s.Value));
        IReadOnlyList<double> ticks = AxisTicks.From0(max);
        double top0 = ticks[^1];
        double Y(double v) => top + plotHeight - (plotHeight * v / top0);
        foreach (double tick in ticks)
        {
            svg.Line(left, Y(tick), left + plotWidth, Y(tick), "#e0e0e0");
            svg.Label(left - 6, Y(tick) + 4, tick.ToString("#,0.###", CultureInfo.InvariantCulture), "end");
        }

        svg.Line(left, top, left, top + plotHeight, "#333333");
        svg.Line(left, top + plotHeight, left + plotWidth, top + plotHeight, "#333333");
        svg.Label(24, top + (plotHeight / 2), yLabel, "middle", 12, "normal", -90);
        double slot = (double)plotWidth / Math.Max(1, bars.Count);
        double barWidth = slot * 0.7;
        for (int i = 0; i < bars.Count; i++)
        {
            double x = left + (slot * i) + ((slot - barWidth) / 2);
            double sum = 0;
            foreach ((string name, double value) in bars[i].Segments.Where(s => s.Value > 0))
            {
                double y0 = Y(sum), y1 = Y(sum + value);
                svg.Rect(x, y1, barWidth, y0 - y1, Colour(series, name),
                    $"{bars[i].Label}, {name}: {value.ToString("#,0.###", CultureInfo.InvariantCulture)} {yLabel}");
                sum += value;
            }

            svg.Label(x + (barWidth / 2), top + plotHeight + 12, bars[i].Label, "end", 11, "normal", -40);
        }

        for (int s = 0; s < series.Count; s++)
        {
            double y = top + 10 + (s * 20);
            svg.Rect(left + plotWidth + 20, y - 10, 12, 12, Colour(series, series[s]));
            svg.Label(left + plotWidth + 38, y, series[s]);
        }

        return svg.ToString();
    }

    private static string Colour(IReadOnlyList<string> series, string name) => Palette.Colour(Math.Max(0, series.ToList().IndexOf(name)));
}
