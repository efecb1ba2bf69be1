using System.Globalization;
using System.Text;
using AccelSim.Report.Charts;
using AccelSim.Sweep;

namespace AccelSim.Report;

/// <summary>
/// Charts of a sweep's results: a scatter of two metrics with the Pareto front (<see cref="Scatter"/>) and the
/// energy breakdown of the front's designs as stacked bars (<see cref="Breakdown"/>). Only points that ran and met
/// every constraint are drawn.
/// </summary>
public static class SweepCharts
{
    /// <summary>The columns a chart can colour by: the settings columns and the axes.</summary>
    public static IReadOnlyList<string> GroupColumns(SweepManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return ["design", "pe_kind", "workload", .. manifest.Axes];
    }

    public static string Scatter(SweepManifest manifest, IReadOnlyList<PointResult> results, MetricColumn x, MetricColumn y, string? color, bool logX, bool logY)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var points = new List<ScatterPoint>();
        foreach (PointResult r in results.Where(r => r.Status == PointResult.Ok))
        {
            if (r.Metric(x.Name) is double vx && r.Metric(y.Name) is double vy)
            {
                points.Add(new ScatterPoint(vx, vy, color is null ? "all points" : Setting(manifest, r, color), Tooltip(manifest, r, x, y), r.Pareto));
            }
        }

        string objectives = string.Join(", ", manifest.Objectives);
        return ScatterChart.Render($"{manifest.Name}: {y.Label} against {x.Label}", new ScatterAxis(x.Label, logX, Better(manifest, x)),
            new ScatterAxis(y.Label, logY, Better(manifest, y)), points, Note(results, points.Count)) is var svg && objectives.Length > 0
            ? svg.Replace("</svg>", $"<desc>Pareto front of the sweep: {SvgText.Escape(objectives)}</desc>\n</svg>", StringComparison.Ordinal)
            : svg;
    }

    /// <summary>Energy by component, per token where the workload has tokens, for each design on the front (all points when none ran on it).</summary>
    public static string Breakdown(SweepManifest manifest, IReadOnlyList<PointResult> results, int max = 40)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(results);
        List<PointResult> ok = [.. results.Where(r => r.Status == PointResult.Ok)];
        List<PointResult> shown = [.. (ok.Any(r => r.Pareto) ? ok.Where(r => r.Pareto) : ok).Take(max)];
        bool perToken = shown.Count > 0 && shown.All(r => r.Metric("tokens") is > 0);
        string[] series = [.. PointMetrics.EnergyParts.Select(p => p.Component)];
        List<StackedBar> bars = [.. shown.Select(r => new StackedBar(
            $"#{r.Index} {Short(manifest, r)}",
            [.. PointMetrics.EnergyParts.Select(p => (p.Component, (r.Metric(p.Column) ?? 0) / (perToken ? r.Metric("tokens")!.Value : 1)))]))];
        return StackedBarChart.Render($"{manifest.Name}: energy by component{(ok.Any(r => r.Pareto) ? " of the Pareto front" : "")}",
            perToken ? "µJ/token" : "µJ", bars, series);
    }

    /// <summary>How many points are drawn, of how many the results hold, and why the rest are not.</summary>
    private static string Note(IReadOnlyList<PointResult> results, int drawn)
    {
        int failed = results.Count(r => r.Status == PointResult.Failed), infeasible = results.Count(r => r.Status == PointResult.Infeasible);
        string why = string.Join(", ", new[] { failed > 0 ? $"{failed} failed" : "", infeasible > 0 ? $"{infeasible} broke a constraint" : "" }.Where(s => s.Length > 0));
        return FormattableString.Invariant($"{drawn} of {results.Count} points drawn") + (why.Length > 0 ? $" ({why})" : "");
    }

    private static bool Better(SweepManifest manifest, MetricColumn metric) =>
        manifest.Objectives.FirstOrDefault(o => o.Metric == metric.Name) is { } objective ? objective.Maximize : metric.HigherIsBetter;

    private static string Setting(SweepManifest manifest, PointResult r, string column) => column switch
    {
        "design" => r.Design,
        "pe_kind" => r.PeKind,
        "workload" => r.WorkloadFile,
        _ => manifest.Axes.ToList().IndexOf(column) is int i && i >= 0 && i < r.Values.Count ? r.Values[i] : "",
    };

    private static string Tooltip(SweepManifest manifest, PointResult r, MetricColumn x, MetricColumn y)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"#{r.Index} {r.Design} ({r.PeKind}), {r.WorkloadFile}");
        for (int i = 0; i < manifest.Axes.Count && i < r.Values.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"; {manifest.Axes[i]} = {r.Values[i]}");
        }

        text.Append(CultureInfo.InvariantCulture, $"; {x.Name} = {ResultsJournal.Number(Round(r.Metric(x.Name)))}, {y.Name} = {ResultsJournal.Number(Round(r.Metric(y.Name)))}");
        return r.Pareto ? text.Append("; on the Pareto front").ToString() : text.ToString();
    }

    /// <summary>The design and the axis values, without the axis names (the chart's tooltips and the results carry those).</summary>
    private static string Short(SweepManifest manifest, PointResult r) =>
        manifest.Axes.Count == 0 ? r.Design : $"{r.Design} {string.Join("/", r.Values)}";

    private static double? Round(double? v) => v is double d && double.IsFinite(d) && d != 0 ? Math.Round(d, Math.Clamp(5 - (int)Math.Floor(Math.Log10(Math.Abs(d))), 0, 15)) : v;
}
