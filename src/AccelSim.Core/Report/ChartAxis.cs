using System.Globalization;
using AccelSim.Sweep;
using AccelSim.Units;

namespace AccelSim.Report;

/// <summary>
/// What a sweep chart's axis shows: a metric of the results, or a swept parameter whose values are numbers or
/// quantities with units (<c>1 MiB</c>, <c>940 MHz</c>, <c>32 GB/s</c>, <c>6 us</c>), read in one unit for all points.
/// </summary>
public sealed record ChartAxis(string Name, string Label, bool HigherIsBetter, Func<PointResult, double?> Value)
{
    public static ChartAxis Of(MetricColumn metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return new ChartAxis(metric.Name, metric.Label, metric.HigherIsBetter, r => r.Metric(metric.Name));
    }

    /// <summary>
    /// The swept parameter <paramref name="name"/> as an axis, or null with the reason when it is not one or its values
    /// are not all numbers of one kind of quantity.
    /// </summary>
    public static ChartAxis? OfParameter(SweepManifest manifest, IReadOnlyList<PointResult> results, string name, out string? why)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(results);
        int index = manifest.Axes.ToList().IndexOf(name);
        if (index < 0)
        {
            why = $"'{name}' is not a swept parameter";
            return null;
        }

        string[] values = [.. results.Where(r => index < r.Values.Count).Select(r => r.Values[index]).Distinct()];
        foreach ((string unit, Func<string, double?> read) in Readers)
        {
            if (values.All(v => read(v) is not null))
            {
                why = null;
                return new ChartAxis(name, unit.Length == 0 ? name : $"{name} ({unit})", true,
                    r => index < r.Values.Count ? read(r.Values[index]) : null);
            }
        }

        why = $"swept parameter '{name}' has values that are not numbers ({string.Join(", ", values.Take(4))}{(values.Length > 4 ? ", …" : "")}); colour by it with --color instead";
        return null;
    }

    private static readonly (string Unit, Func<string, double?> Read)[] Readers =
    [
        ("", v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null),
        ("MiB", v => ByteSize.TryParse(v, out ByteSize s, out _) ? s.ExactBytes / (1 << 20) : null),
        ("MHz", v => Frequency.TryParse(v, out Frequency f, out _) ? f.Hertz / 1e6 : null),
        ("GB/s", v => Bandwidth.TryParse(v, out Bandwidth b, out _) ? b.BitsPerSecond / 8e9 : null),
        ("µs", v => SimTime.TryParse(v, out SimTime t, out _) ? t.Picoseconds / 1e6 : null),
    ];
}
