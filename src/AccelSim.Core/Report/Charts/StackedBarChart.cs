using ScottPlot;

namespace AccelSim.Report.Charts;

/// <summary>One bar: a label and its segments, bottom to top, as (series, value).</summary>
public sealed record StackedBar(string Label, IReadOnlyList<(string Series, double Value)> Segments);

/// <summary>
/// A vertical stacked bar chart: a linear axis from zero, one colour per series (the series' place in the list it is
/// given, so a component keeps its colour from chart to chart), a legend of the series that have a value anywhere,
/// and slanted bar labels under an axis label that says what the bars are.
/// </summary>
public static class StackedBarChart
{
    public static Chart Render(string title, string xLabel, string yLabel, IReadOnlyList<StackedBar> bars, IReadOnlyList<string> series)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(series);
        Plot plot = ChartStyle.NewPlot(title, xLabel, yLabel);
        var drawn = new List<Bar>();
        for (int i = 0; i < bars.Count; i++)
        {
            double sum = 0;
            foreach ((string name, double value) in bars[i].Segments.Where(s => s.Value > 0))
            {
                drawn.Add(new Bar { Position = i, ValueBase = sum, Value = sum + value, FillColor = Colour(series, name), LineWidth = 0, Size = 0.7 });
                sum += value;
            }
        }

        plot.Add.Bars(drawn);
        foreach (string name in series.Where(name => bars.Any(b => b.Segments.Any(s => s.Series == name && s.Value > 0))))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = name, FillColor = Colour(series, name) });
        }

        BarLabels.Slanted(plot, [.. bars.Select(b => b.Label)]);
        plot.ShowLegend(Edge.Right);
        plot.Axes.Margins(bottom: 0);
        plot.Axes.SetLimitsX(-0.6, Math.Max(bars.Count, 1) - 0.4);
        return new Chart(plot, Math.Max(760, (bars.Count * 56) + 380), 640);
    }

    private static Color Colour(IReadOnlyList<string> series, string name) => ChartStyle.Colour(Math.Max(0, series.ToList().IndexOf(name)));
}
