using ScottPlot;

namespace AccelSim.Report.Charts;

/// <summary>One group of bars: a label and one value per series.</summary>
public sealed record BarGroup(string Label, IReadOnlyList<double> Values);

/// <summary>
/// A grouped bar chart: one group per label, one bar per series in each, a linear axis from zero, an optional
/// reference line (such as 1× for values normalised to a baseline), and each value printed above its bar.
/// </summary>
public static class GroupedBarChart
{
    public static Chart Render(string title, string xLabel, string yLabel, IReadOnlyList<BarGroup> groups, IReadOnlyList<string> series, double? referenceLine = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(series);
        Plot plot = ChartStyle.NewPlot(title, xLabel, yLabel);
        double width = 0.8 / Math.Max(1, series.Count);
        var drawn = new List<Bar>();
        for (int g = 0; g < groups.Count; g++)
        {
            for (int s = 0; s < series.Count && s < groups[g].Values.Count; s++)
            {
                double value = groups[g].Values[s];
                if (double.IsFinite(value))
                {
                    drawn.Add(new Bar
                    {
                        Position = g - 0.4 + ((s + 0.5) * width),
                        Value = value,
                        Size = width * 0.92,
                        FillColor = ChartStyle.Colour(s),
                        LineWidth = 0,
                        Label = value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
                    });
                }
            }
        }

        ScottPlot.Plottables.BarPlot bars = plot.Add.Bars(drawn);
        bars.ValueLabelStyle.FontSize = 11;
        for (int s = 0; s < series.Count; s++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s], FillColor = ChartStyle.Colour(s) });
        }

        if (referenceLine is double line)
        {
            plot.Add.HorizontalLine(line, 1.5f, ChartStyle.Ink, LinePattern.Dashed);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = FormattableString.Invariant($"{line}× (the baseline)"), LineColor = ChartStyle.Ink, LineWidth = 1.5f, LinePattern = LinePattern.Dashed });
        }

        BarLabels.Slanted(plot, [.. groups.Select(g => g.Label)]);
        plot.ShowLegend(Edge.Right);
        plot.Axes.Margins(bottom: 0);
        plot.Axes.SetLimitsX(-0.6, Math.Max(groups.Count, 1) - 0.4);
        return new Chart(plot, Math.Max(720, (groups.Count * ((series.Count * 40) + 30)) + 380), 600);
    }
}
