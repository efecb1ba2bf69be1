using ScottPlot;

namespace AccelSim.Report.Charts;

/// <summary>
/// How every chart looks: one colour and one marker shape per series, so series are told apart in print, in greyscale
/// and by readers with colour-vision deficiency; a plain white frame; one font.
/// </summary>
public static class ChartStyle
{
    /// <summary>The colour-blind-safe qualitative palette of Okabe and Ito ("Color Universal Design", 2008), then greys.</summary>
    private static readonly string[] Colours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#999999", "#F0E442", "#666666"];

    /// <summary>Shapes that stay distinct when the colours do not (greyscale print): filled first, then open.</summary>
    private static readonly MarkerShape[] Markers =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.FilledTriangleDown, MarkerShape.Eks, MarkerShape.Asterisk, MarkerShape.OpenCircle, MarkerShape.OpenSquare,
        MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond, MarkerShape.Cross,
    ];

    public static Color Colour(int series) => Color.FromHex(Colours[series % Colours.Length]);

    public static MarkerShape Marker(int series) => Markers[series % Markers.Length];

    public static Color Ink { get; } = Color.FromHex("#222222");

    /// <summary>A plot with the title and axis labels set and the legend at the right, outside the data.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(title, 15);
        plot.XLabel(xLabel, 13);
        plot.YLabel(yLabel, 13);
        plot.Legend.FontSize = 12;
        plot.Grid.MajorLineColor = Color.FromHex("#e4e4e4");
        foreach (ScottPlot.IAxis axis in new ScottPlot.IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            // About one labelled tick per 100 pixels, labelled as 30M rather than 30,000,000.
            axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TickDensity = 0.6, LabelFormatter = AxisTicks.Label };
        }

        return plot;
    }

    /// <summary>
    /// A note in the legend, without a symbol, wrapped at about <paramref name="width"/> characters so that a long
    /// note does not widen the legend and squeeze the plot.
    /// </summary>
    public static void LegendNote(Plot plot, string note, int width = 36)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(note);
        var line = new System.Text.StringBuilder();
        bool empty = true;
        foreach (string word in note.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!empty && line.Length + 1 + word.Length > width)
            {
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = line.ToString() });
                line.Clear().Append("  ");
                empty = true;
            }

            line.Append(empty ? "" : " ").Append(word);
            empty = false;
        }

        if (line.Length > 0)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = line.ToString() });
        }
    }

    /// <summary>
    /// A log axis: ScottPlot draws linear axes, so the data is plotted as log10 and the axis gets round ticks
    /// (<see cref="AxisTicks.Log"/>) labelled with the values.
    /// </summary>
    /// <returns>The axis's range in plotted units: from the round tick at or below <paramref name="min"/> to the one at or above <paramref name="max"/>, so at least two are labelled.</returns>
    public static (double Low, double High) LogTicks(ScottPlot.IAxis axis, double min, double max)
    {
        ArgumentNullException.ThrowIfNull(axis);
        IReadOnlyList<double> ticks = AxisTicks.Log(min, max);
        double low = ticks.Where(t => t <= min * (1 + 1e-9)).DefaultIfEmpty(ticks[0]).Max();
        double high = ticks.Where(t => t >= max * (1 - 1e-9)).DefaultIfEmpty(ticks[^1]).Min();
        if (high <= low)
        {
            high = ticks.FirstOrDefault(t => t > low, low * 10);
        }

        var generator = new ScottPlot.TickGenerators.NumericManual();
        foreach (double t in ticks)
        {
            generator.AddMajor(Math.Log10(t), AxisTicks.Label(t));
        }

        for (int e = (int)Math.Floor(Math.Log10(ticks[0])); e < (int)Math.Ceiling(Math.Log10(ticks[^1])); e++)
        {
            for (int m = 2; m <= 9; m++)
            {
                generator.AddMinor(Math.Log10(m * Math.Pow(10, e)));
            }
        }

        axis.TickGenerator = generator;
        double pad = (Math.Log10(high) - Math.Log10(low)) * 0.03;
        return (Math.Log10(low) - pad, Math.Log10(high) + pad);
    }
}
