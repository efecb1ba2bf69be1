using System.Globalization;
using ScottPlot;

namespace AccelSim.Report.Charts;

/// <summary>The labels under the slots of a bar chart: slanted, with room made for the longest.</summary>
public static class BarLabels
{
    /// <summary>Puts <paramref name="labels"/> under slots 0, 1, … of the x axis, slanted, and makes room for the longest.</summary>
    public static void Slanted(Plot plot, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(labels);
        plot.Axes.Bottom.SetTicks([.. labels.Select((_, i) => (double)i)], [.. labels]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 40;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.UpperLeft;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 11;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        // The longest label's slanted height, at about 0.6 em a character, plus the axis label.
        plot.Axes.Bottom.MinimumSize = (float)(labels.Select(l => l.Length).DefaultIfEmpty(0).Max() * 11 * 0.6 * Math.Sin(40 * Math.PI / 180)) + 40;
        plot.Grid.XAxisStyle.IsVisible = false;
    }

    public static string Value(double v) => v.ToString("#,0.###", CultureInfo.InvariantCulture);
}
