using System.Globalization;
using AccelSim.Report.Charts;
using AccelSim.Sweep;

namespace AccelSim.Report;

/// <summary>
/// Charts of a sweep's results: a scatter of two metrics (or swept parameters) with the Pareto front
/// (<see cref="Scatter"/>) and the energy breakdown of the front's designs as stacked bars (<see cref="Breakdown"/>).
/// Only points that ran and met every constraint are drawn.
/// </summary>
public static class SweepCharts
{
    /// <summary>The columns a chart can colour by: the settings columns and the axes.</summary>
    public static IReadOnlyList<string> GroupColumns(SweepManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return ["design", "pe_kind", "workload", .. manifest.Axes];
    }

    public static Chart Scatter(SweepManifest manifest, ChartPoints results, ChartAxis x, ChartAxis y, string? color, bool logX, bool logY)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var points = new List<ScatterPoint>();
        foreach (PointResult r in results.Points.Where(r => r.Status == PointResult.Ok))
        {
            if (x.Value(r) is double vx && y.Value(r) is double vy)
            {
                points.Add(new ScatterPoint(vx, vy, color is null ? "all points" : Setting(manifest, r, color), r.Pareto));
            }
        }

        string front = manifest.Objectives.Count == 0 ? "" : $"; front over {string.Join(", ", manifest.Objectives.Select(o => $"{o.Metric} ({(o.Maximize ? "max" : "min")})"))}";
        return ScatterChart.Render($"{manifest.Name}: {y.Label} against {x.Label}", new ScatterAxis(x.Label, logX, Better(manifest, x)),
            new ScatterAxis(y.Label, logY, Better(manifest, y)), points, Note(results, points.Count) + front);
    }

    /// <summary>Energy by component, per token where the workload has tokens, for each design on the front (all points when none ran on it).</summary>
    public static Chart Breakdown(SweepManifest manifest, IReadOnlyList<PointResult> results, int max = 40)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(results);
        List<PointResult> ok = [.. results.Where(r => r.Status == PointResult.Ok)];
        bool onFront = ok.Any(r => r.Pareto);
        List<PointResult> shown = [.. (onFront ? ok.Where(r => r.Pareto) : ok).Take(max)];
        bool perToken = shown.Count > 0 && shown.All(r => r.Metric("tokens") is > 0);
        string[] series = [.. PointMetrics.EnergyParts.Select(p => p.Component)];
        List<StackedBar> bars = [.. shown.Select(r => new StackedBar(
            $"#{r.Index} {Short(manifest, r)}",
            [.. PointMetrics.EnergyParts.Select(p => (p.Component, (r.Metric(p.Column) ?? 0) / (perToken ? r.Metric("tokens")!.Value : 1)))]))];
        string what = onFront ? "designs on the sweep's Pareto front" : "design points";
        return StackedBarChart.Render($"{manifest.Name}: energy by component{(onFront ? " of the Pareto front" : "")}",
            $"{what} (#point design{(manifest.Axes.Count > 0 ? " " + string.Join("/", manifest.Axes) : "")})",
            perToken ? "energy per token (µJ/token)" : "energy (µJ)", bars, series);
    }

    /// <summary>How many points are drawn, of how many the results hold, and why the rest are not.</summary>
    private static string Note(ChartPoints results, int drawn)
    {
        string why = string.Join(", ", new[] { results.Failed > 0 ? $"{results.Failed} failed" : "", results.Infeasible > 0 ? $"{results.Infeasible} broke a constraint" : "" }.Where(s => s.Length > 0));
        string sample = results.Sampled
            ? string.Create(CultureInfo.InvariantCulture, $"; of the {results.OffFront} off the front a seeded sample of {results.OffFrontDrawn}")
            : "";
        return string.Create(CultureInfo.InvariantCulture, $"{drawn} of {results.Total} points drawn") + (why.Length > 0 ? $" ({why})" : "") + sample;
    }

    private static bool Better(SweepManifest manifest, ChartAxis axis) =>
        manifest.Objectives.FirstOrDefault(o => o.Metric == axis.Name) is { } objective ? objective.Maximize : axis.HigherIsBetter;

    private static string Setting(SweepManifest manifest, PointResult r, string column) => column switch
    {
        "design" => r.Design,
        "pe_kind" => r.PeKind,
        "workload" => r.WorkloadFile,
        _ => manifest.Axes.ToList().IndexOf(column) is int i && i >= 0 && i < r.Values.Count ? r.Values[i] : "",
    };

    /// <summary>The design and the axis values, without the axis names (the axis label carries those).</summary>
    private static string Short(SweepManifest manifest, PointResult r) =>
        manifest.Axes.Count == 0 ? r.Design : $"{r.Design} {string.Join("/", r.Values)}";
}
