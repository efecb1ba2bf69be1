using System.CommandLine;
using AccelSim.Config.Yaml;
using AccelSim.Report;
using AccelSim.Sweep;
using AccelSim.Text;

namespace AccelSim.Cli.Commands;

/// <summary>
/// <c>accelsim plot DIR --x M --y M</c>: a sweep's points as an SVG scatter with the Pareto front, coloured by a
/// settings column; <c>--breakdown</c> draws the front's energy by component as stacked bars instead.
/// </summary>
internal static class PlotCommand
{
    public static Command Build()
    {
        var dir = new Argument<string>("dir") { Description = "A sweep's results directory." };
        var x = new Option<string>("--x") { Description = "Metric on the x axis (default: tokens_per_s).", DefaultValueFactory = _ => "tokens_per_s" };
        var y = new Option<string>("--y") { Description = "Metric on the y axis (default: energy_per_token_uj).", DefaultValueFactory = _ => "energy_per_token_uj" };
        var color = new Option<string?>("--color") { Description = "Colour and marker by this column: design, pe_kind, workload or an axis name." };
        var logX = new Option<bool>("--log-x") { Description = "Log scale on x." };
        var logY = new Option<bool>("--log-y") { Description = "Log scale on y." };
        var breakdown = new Option<bool>("--breakdown") { Description = "Energy by component of the front's designs, as stacked bars." };
        var outFile = new Option<string?>("--out", "-o") { Description = "The SVG file (default: DIR/<y>-vs-<x>.svg or DIR/energy-breakdown.svg)." };
        var command = new Command("plot", "Chart a sweep's results as SVG: a scatter with the Pareto front, or the front's energy breakdown.")
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
        (SweepManifest? manifest, IReadOnlyList<PointResult> results) = ResultsJournal.Read(dir, diagnostics);
        MetricColumn? x = Metric("--x", xName, diagnostics), y = Metric("--y", yName, diagnostics);
        if (manifest is not null && color is not null && !SweepCharts.GroupColumns(manifest).Contains(color))
        {
            string? close = Spelling.ClosestMatch(color, SweepCharts.GroupColumns(manifest));
            diagnostics.Add(SourceLocation.CommandLine("--color"), "", $"'{color}' is not a column to colour by; the columns are {string.Join(", ", SweepCharts.GroupColumns(manifest))}"
                + (close is null ? "" : $" (did you mean '{close}'?)"));
        }

        string path = outFile ?? Path.Combine(dir, breakdown ? "energy-breakdown.svg" : $"{yName}-vs-{xName}.svg");
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        // Without --out the chart goes into DIR, whose absence is already reported as not a results directory.
        if (outFile is not null && directory is not null && !Directory.Exists(directory))
        {
            diagnostics.Add(SourceLocation.CommandLine("--out"), "", $"directory '{directory}' does not exist");
        }

        if (diagnostics.HasErrors || manifest is null || x is null || y is null)
        {
            return DiagnosticsOutput.Report(diagnostics, error);
        }

        string svg = breakdown ? SweepCharts.Breakdown(manifest, results) : SweepCharts.Scatter(manifest, results, x, y, color, logX, logY);
        File.WriteAllText(path, svg);
        output.WriteLine($"wrote {path}");
        return 0;
    }

    private static MetricColumn? Metric(string option, string name, Diagnostics diagnostics)
    {
        if (PointMetrics.Find(name) is MetricColumn column)
        {
            return column;
        }

        string[] names = [.. PointMetrics.Columns.Select(c => c.Name)];
        string? close = Spelling.ClosestMatch(name, names);
        diagnostics.Add(SourceLocation.CommandLine(option), "", $"'{name}' is not a metric" + (close is null ? $"; the metrics are {string.Join(", ", names)}" : $"; did you mean '{close}'?"));
        return null;
    }
}
