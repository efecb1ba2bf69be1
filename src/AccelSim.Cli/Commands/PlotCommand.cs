using System.CommandLine;
using AccelSim.Config.Yaml;
using AccelSim.Report;
using AccelSim.Report.Charts;
using AccelSim.Sweep;
using AccelSim.Text;

namespace AccelSim.Cli.Commands;

/// <summary>
/// <c>accelsim plot DIR --x M --y M</c>: a sweep's points as a scatter with the Pareto front, coloured by a settings
/// column, on metrics or numeric swept parameters; <c>--breakdown</c> draws the front's energy by component as
/// stacked bars instead. Written as SVG or PNG by <c>--out</c>'s extension, both when no <c>--out</c> is given.
/// </summary>
internal static class PlotCommand
{
    public static Command Build()
    {
        var dir = new Argument<string>("dir") { Description = "A sweep's results directory." };
        var x = new Option<string>("--x") { Description = "Metric or numeric swept parameter on the x axis (default: tokens_per_s).", DefaultValueFactory = _ => "tokens_per_s" };
        var y = new Option<string>("--y") { Description = "Metric or numeric swept parameter on the y axis (default: energy_per_token_uj).", DefaultValueFactory = _ => "energy_per_token_uj" };
        var color = new Option<string?>("--color") { Description = "Colour and marker by this column: design, pe_kind, workload or an axis name." };
        var logX = new Option<bool>("--log-x") { Description = "Log scale on x." };
        var logY = new Option<bool>("--log-y") { Description = "Log scale on y." };
        var breakdown = new Option<bool>("--breakdown") { Description = "Energy by component of the front's designs, as stacked bars." };
        var outFile = new Option<string?>("--out", "-o") { Description = "The chart file, .svg or .png (default: both, DIR/<y>-vs-<x>.svg and .png, or DIR/energy-breakdown.svg and .png)." };
        var command = new Command("plot", "Chart a sweep's results (SVG or PNG): a scatter with the Pareto front, or the front's energy breakdown.")
        {
            dir, x, y, color, logX, logY, breakdown, outFile,
        };
        command.SetAction(result => Plot(
            result.GetValue(dir)!, result.GetValue(x)!, result.GetValue(y)!, result.GetValue(color), result.GetValue(logX), result.GetValue(logY),
            result.GetValue(breakdown), result.GetValue(outFile), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    private static int Plot(string dir, string xName, string yName, string? color, bool logX, bool logY, bool breakdown, string? outFile, TextWriter output, TextWriter error)
    {
        var diagnostics = new Diagnostics();
        // Every point on the front and at most ChartPoints.DefaultLimit others (a seeded sample past that), read as a stream.
        (SweepManifest? manifest, ChartPoints drawn) = ChartPoints.Read(dir, diagnostics);
        IReadOnlyList<PointResult> results = drawn.Points;
        ChartAxis? x = manifest is null ? null : Axis("--x", xName, manifest, results, diagnostics);
        ChartAxis? y = manifest is null ? null : Axis("--y", yName, manifest, results, diagnostics);
        if (manifest is not null && color is not null && !SweepCharts.GroupColumns(manifest).Contains(color))
        {
            string? close = Spelling.ClosestMatch(color, SweepCharts.GroupColumns(manifest));
            diagnostics.Add(SourceLocation.CommandLine("--color"), "", $"'{color}' is not a column to colour by; the columns are {string.Join(", ", SweepCharts.GroupColumns(manifest))}"
                + (close is null ? "" : $" (did you mean '{close}'?)"));
        }

        string path = outFile ?? Path.Combine(dir, breakdown ? "energy-breakdown.svg" : $"{yName}-vs-{xName}.svg");
        if (outFile is not null && Chart.CannotWrite(outFile) is string why)
        {
            diagnostics.Add(SourceLocation.CommandLine("--out"), "", why);
        }

        // Without --out the chart goes into DIR, whose absence is already reported as not a results directory.
        if (outFile is not null)
        {
            OutputPaths.ToFile("--out", outFile, diagnostics,
                [Path.Combine(dir, ResultsJournal.CsvFile), Path.Combine(dir, ResultsJournal.JournalFile), Path.Combine(dir, ResultsJournal.ManifestFile)]);
        }

        if (diagnostics.HasErrors || manifest is null || x is null || y is null)
        {
            return DiagnosticsOutput.Report(diagnostics, error);
        }

        using Chart chart = breakdown ? SweepCharts.Breakdown(manifest, results) : SweepCharts.Scatter(manifest, drawn, x, y, color, logX, logY);
        IReadOnlyList<string> written = outFile is null ? chart.SaveBoth(path) : [path];
        if (outFile is not null)
        {
            chart.Save(path);
        }

        if (drawn.Sampled && !breakdown)
        {
            output.WriteLine($"drew every point on the front and a seeded sample of {drawn.OffFrontDrawn:N0} of the {drawn.OffFront:N0} others (the chart says so)");
        }

        output.WriteLine($"wrote {string.Join(", ", written)}");
        return 0;
    }

    /// <summary>A metric, or a swept parameter with numeric values; otherwise an error naming what would do.</summary>
    private static ChartAxis? Axis(string option, string name, SweepManifest manifest, IReadOnlyList<PointResult> results, Diagnostics diagnostics)
    {
        if (PointMetrics.Find(name) is MetricColumn column)
        {
            return ChartAxis.Of(column);
        }

        if (manifest.Axes.Contains(name))
        {
            ChartAxis? parameter = ChartAxis.OfParameter(manifest, results, name, out string? why);
            if (parameter is null)
            {
                diagnostics.Add(SourceLocation.CommandLine(option), "", why!);
            }

            return parameter;
        }

        string[] names = [.. PointMetrics.Columns.Select(c => c.Name), .. manifest.Axes];
        string? close = Spelling.ClosestMatch(name, names);
        diagnostics.Add(SourceLocation.CommandLine(option), "", $"'{name}' is neither a metric nor a swept parameter"
            + (close is null ? $"; the metrics are {string.Join(", ", PointMetrics.Columns.Select(c => c.Name))}{(manifest.Axes.Count > 0 ? $" and the parameters {string.Join(", ", manifest.Axes)}" : "")}" : $"; did you mean '{close}'?"));
        return null;
    }
}
