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
        var frame = new BarChartFrame(title, yLabel, Math.Max(360, bars.Count * 48), 190, bars.Count == 0 ? 0 : bars.Max(b => b.Segments.Sum(s => s.Value)),
            [.. bars.Select(b => b.Label)], 40);
        SvgText svg = frame.Svg;
        double slot = (double)frame.PlotWidth / Math.Max(1, bars.Count);
        double barWidth = slot * 0.7;
        for (int i = 0; i < bars.Count; i++)
        {
            double x = frame.Left + (slot * i) + ((slot - barWidth) / 2);
            double sum = 0;
            foreach ((string name, double value) in bars[i].Segments.Where(s => s.Value > 0))
            {
                double y0 = frame.Y(sum), y1 = frame.Y(sum + value);
                svg.Rect(x, y1, barWidth, y0 - y1, Colour(series, name),
                    $"{bars[i].Label}, {name}: {value.ToString("#,0.###", CultureInfo.InvariantCulture)} {yLabel}");
                sum += value;
            }
        }

        return frame.Finish(series);
    }

    private static string Colour(IReadOnlyList<string> series, string name) => Palette.Colour(Math.Max(0, series.ToList().IndexOf(name)));
}
