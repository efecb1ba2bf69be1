using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using AccelSim.Accelerator;
using AccelSim.Accelerator.Moe;
using AccelSim.Accelerator.Pim;
using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Cost;
using AccelSim.Events;
using AccelSim.Memory;
using AccelSim.Report;
using AccelSim.Report.Charts;
using AccelSim.Units;
using AccelSim.Workloads;
using Spectre.Console;

namespace AccelSim.Cli.Commands;

/// <summary><c>accelsim run</c>: simulate a design on a workload and write the summary, per-operation CSV and optional timeline.</summary>
internal static partial class RunCommand
{
    /// <summary>Exit code when the simulation ran but a functional check found a mismatch.</summary>
    public const int MismatchExitCode = 3;

    /// <summary>Exit code when the run finished and every check passed, but integer accumulators overflowed and wrapped.</summary>
    public const int OverflowExitCode = 4;

    public static Command Build()
    {
        var arch = new Option<string?>("--arch", "-a") { Description = "Design: a YAML file, a SCALE-Sim v2 .cfg, or a bundled design's name (accelsim list; default: arch-configs/default.yaml)." };
        var workload = new Option<string?>("--workload", "-w") { Description = "Workload: YAML (gemm or transformer), a CSV GEMM trace, or a bundled workload's name (accelsim list; default: workloads/default.yaml)." };
        var outDir = new Option<string>("--out", "-o") { Description = "Directory for summary.json and ops.csv.", DefaultValueFactory = _ => "accelsim-out" };
        var functional = new Option<string>("--functional", "-f") { Description = "Execute GEMMs for real and compare with the reference: full, sample or off.", DefaultValueFactory = _ => "sample" };
        var seed = new Option<int>("--seed", "-s") { Description = "Seed of the synthetic operands.", DefaultValueFactory = _ => 1 };
        var set = new Option<string[]>("--set") { Description = "Override a key of the design or workload: path=value, e.g. compute[mxu].rows=64 or batch=8. Repeatable.", AllowMultipleArgumentsPerToken = false };
        var timeline = new Option<string?>("--timeline") { Description = "Write a Chrome trace (Perfetto) of loads, compute and stores to this file." };
        var chart = new Option<string?>("--breakdown-chart") { Description = "Write the energy breakdown (by operation and component) as a stacked bar chart to this file (.svg or .png)." };
        var roofline = new Option<string?>("--roofline-chart") { Description = "Write every GEMM on the design's roofline (TOPS against operations per DRAM byte, roofs per weight precision) to this file (.svg or .png)." };
        var command = new Command("run", "Simulate a design on a workload: cycles, traffic and bit-exact checks.")
        {
            arch, workload, outDir, functional, seed, set, timeline, chart, roofline,
        };
        command.SetAction(result => Run(
            result.GetValue(arch) is string a ? BundledFiles.Design(a) : BundledFiles.DefaultDesign,
            result.GetValue(workload) is string w ? BundledFiles.Workload(w) : BundledFiles.DefaultWorkload,
            result.GetValue(outDir)!,
            result.GetValue(functional)!,
            result.GetValue(seed),
            result.GetValue(set) ?? [],
            result.GetValue(timeline),
            result.GetValue(chart),
            result.GetValue(roofline),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string archPath, string workloadPath, string outDir, string functionalName, int seed, string[] sets, string? timelinePath,
        string? chartPath, string? rooflinePath, TextWriter output, TextWriter error)
    {
        try
        {
            return Simulate(archPath, workloadPath, outDir, functionalName, seed, sets, timelinePath, chartPath, rooflinePath, output, error);
        }
        catch (OverflowException)
        {
            // Mapping, building or running: extreme settings pass 64-bit time or bytes; an input error, not a crash,
            // at the setting that caused it.
            var diagnostics = new Diagnostics();
            (List<string> designSets, List<string> workloadSets) = DesignAndWorkload.Route(sets, archPath, workloadPath);
            diagnostics.Add(OverflowCulprit.Find(archPath, designSets, workloadPath, workloadSets, seed));
            return DiagnosticsOutput.Report(diagnostics, error);
        }
    }

    private static int Simulate(string archPath, string workloadPath, string outDir, string functionalName, int seed, string[] sets, string? timelinePath,
        string? chartPath, string? rooflinePath, TextWriter output, TextWriter error)
    {
        var diagnostics = new Diagnostics();
        FunctionalMode mode = FunctionalModes.FromOption(functionalName, diagnostics);

        (ArchitectureConfig? design, Workload? workload) = DesignAndWorkload.Load(archPath, workloadPath, sets, diagnostics);

        // Where the results go, checked before the run so a finished simulation is never lost to a bad path, and so
        // no input the run read (a trace named ops.csv, say) is overwritten.
        IReadOnlyCollection<string> inputs = diagnostics.Sources;
        OutputPaths.IntoDirectory("--out", outDir, diagnostics);
        foreach (string name in new[] { "summary.json", "ops.csv" })
        {
            OutputPaths.Input("--out", string.IsNullOrWhiteSpace(outDir) ? name : Path.Combine(outDir, name), diagnostics, inputs);
        }

        foreach ((string option, string? file) in new[] { ("--timeline", timelinePath), ("--breakdown-chart", chartPath), ("--roofline-chart", rooflinePath) })
        {
            if (file is null)
            {
                continue;
            }

            int before = diagnostics.Count;
            OutputPaths.ToFile(option, file, diagnostics, inputs);
            if (option != "--timeline" && diagnostics.Count == before && Chart.CannotWrite(file) is string why)
            {
                diagnostics.Add(SourceLocation.CommandLine(option), "", why);
            }
        }

        (List<string> designSets, List<string> workloadSets) = DesignAndWorkload.Route(sets, archPath, workloadPath);
        // Only inputs that loaded are hashed: they are files of bounded size, not a device that never ends.
        RunProvenance provenance = design is null || workload is null
            ? new RunProvenance(Version, [], designSets, workloadSets, seed, functionalName, null, null)
            : RunProvenance.Of(Version, diagnostics.Sources, archPath, workloadPath, designSets, workloadSets, seed, functionalName);
        var progress = new RunProgress();
        var options = new RunOptions(mode, seed, timelinePath is not null, progress.Report);
        if (rooflinePath is not null && (workload?.Decode is not null || workload?.Moe is not null))
        {
            diagnostics.Add(SourceLocation.CommandLine("--roofline-chart"), "", "the roofline places each operation of an operation workload; a composed decode has no per-operation rows");
        }

        if (design is not null && workload?.Decode is not null)
        {
            return RunDecode(design, workload, options, provenance, progress, outDir, timelinePath, chartPath, diagnostics, output, error);
        }

        if (design is not null && workload?.Moe is not null)
        {
            return RunOffload(design, workload, options, provenance, progress, outDir, timelinePath, chartPath, diagnostics, output, error);
        }

        Simulation? simulation = design is null || workload is null ? null : Simulation.Create(design, workload, options, diagnostics);
        if (diagnostics.HasErrors || simulation is null)
        {
            return DiagnosticsOutput.Report(diagnostics, error, design is null || workload is null ? null : WorkloadHints.For(design, workload));
        }

        RunResult result = progress.Run(output, $"{design!.Name} on {workload!.Name}", simulation.Run);
        Directory.CreateDirectory(outDir);
        using (var csv = new StreamWriter(Path.Combine(outDir, "ops.csv")))
        {
            OpsCsv.Write(csv, result);
        }

        using (FileStream json = File.Create(Path.Combine(outDir, "summary.json")))
        {
            SummaryJson.Write(json, result, provenance);
        }

        if (timelinePath is not null && result.Timeline is not null)
        {
            using FileStream trace = File.Create(timelinePath);
            ChromeTrace.Write(trace, result.Timeline, $"AccelSim: {result.Design} on {result.Workload}");
        }

        if (chartPath is not null)
        {
            using Chart chart = EnergyBreakdownChart.Render(result);
            chart.Save(chartPath);
        }

        if (rooflinePath is not null)
        {
            using Chart chart = RooflineReport.Render(result, design!);
            chart.Save(rooflinePath);
        }

        string[] extras = [.. new[] { timelinePath, chartPath, rooflinePath }.OfType<string>()];
        Print(Terminal.For(output), result, outDir, extras.Length == 0 ? null : string.Join(", ", extras));
        if (result.Mismatches > 0)
        {
            error.WriteLine($"FUNCTIONAL MISMATCH: {result.Mismatches} operation(s) computed results that differ from the reference GEMM; see functional_detail in {Path.Combine(outDir, "ops.csv")}");
            return MismatchExitCode;
        }

        if (result.AccumulatorOverflows > 0)
        {
            error.WriteLine($"ACCUMULATOR OVERFLOW: {result.AccumulatorOverflows:N0} integer partial sums passed their accumulator and wrapped, as the PE's rule "
                + $"says; the results are exact against that rule but not the true products (SQNR {OpsCsv.Sqnr(result.SqnrDb)} dB); see functional_detail in {Path.Combine(outDir, "ops.csv")}");
            return OverflowExitCode;
        }

        return 0;
    }

    private static int RunDecode(ArchitectureConfig design, Workload workload, RunOptions options, RunProvenance provenance, RunProgress progress, string outDir, string? timelinePath, string? chartPath,
        Diagnostics diagnostics, TextWriter output, TextWriter error) =>
        RunComposed<DecodeResult>($"a batched decode of {workload.Name} on {design.Name}", () => DecodeSimulation.Create(design, workload, options, diagnostics) is { } s ? s.Run : null,
            (json, r) => DecodeSummaryJson.Write(json, r, provenance), r => r.Timeline, r => r.Mismatches,
            (console, r) => DecodeReport.Print(console, r, outDir, timelinePath), progress, outDir, timelinePath, chartPath, diagnostics, output, error);

    private static int RunOffload(ArchitectureConfig design, Workload workload, RunOptions options, RunProvenance provenance, RunProgress progress, string outDir, string? timelinePath, string? chartPath,
        Diagnostics diagnostics, TextWriter output, TextWriter error) =>
        RunComposed<OffloadResult>($"a MoE decode of {workload.Name} on {design.Name}", () => OffloadSimulation.Create(design, workload, options, diagnostics) is { } s ? s.Run : null,
            (json, r) => OffloadSummaryJson.Write(json, r, provenance), r => r.Timeline, r => r.Mismatches,
            (console, r) => OffloadReport.Print(console, r, outDir, timelinePath), progress, outDir, timelinePath, chartPath, diagnostics, output, error);

    /// <summary>
    /// Runs a simulation that composes engine blocks (a batched decode, a MoE decode): builds it (reporting why it
    /// cannot run), writes summary.json and the timeline, prints its report, and fails on a functional mismatch.
    /// </summary>
    private static int RunComposed<TResult>(string what, Func<Func<TResult>?> create, Action<Stream, TResult> writeJson, Func<TResult, Timeline?> timelineOf,
        Func<TResult, int> mismatchesOf, Action<IAnsiConsole, TResult> print, RunProgress progress, string outDir, string? timelinePath, string? chartPath,
        Diagnostics diagnostics, TextWriter output, TextWriter error)
    {
        if (chartPath is not null)
        {
            diagnostics.Add(SourceLocation.CommandLine("--breakdown-chart"), "", $"the per-operation breakdown chart is for operation workloads; {what} reports energy by component in summary.json");
        }

        Func<TResult>? run = diagnostics.HasErrors ? null : create();
        if (diagnostics.HasErrors || run is null)
        {
            return DiagnosticsOutput.Report(diagnostics, error);
        }

        TResult result = progress.Run(output, what, run);
        Directory.CreateDirectory(outDir);
        using (FileStream json = File.Create(Path.Combine(outDir, "summary.json")))
        {
            writeJson(json, result);
        }

        if (timelinePath is not null && timelineOf(result) is Timeline timeline)
        {
            using FileStream trace = File.Create(timelinePath);
            ChromeTrace.Write(trace, timeline, $"AccelSim: {what}");
        }

        print(Terminal.For(output), result);
        int mismatches = mismatchesOf(result);
        if (mismatches > 0)
        {
            error.WriteLine($"FUNCTIONAL MISMATCH: {mismatches} check(s) differ from the reference; see {Path.Combine(outDir, "summary.json")}");
            return MismatchExitCode;
        }

        return 0;
    }

    [GeneratedRegex(@"^layer\d+\.")]
    private static partial Regex LayerPrefix();

    private static string Version => typeof(RunCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>
    /// The terminal summary: every table fits an 80-column terminal (a CLI test checks it), values in the unit that
    /// keeps them short; summary.json and ops.csv have the figures in fixed units.
    /// </summary>
    private static void Print(IAnsiConsole console, RunResult result, string outDir, string? extraFiles)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        double seconds = result.Makespan.Seconds;
        var table = new Table().Border(TableBorder.Rounded).Title($"AccelSim: {Markup.Escape(result.Design)} on {Markup.Escape(result.Workload)}");
        table.AddColumn("metric");
        table.AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("operations", result.Ops.Count.ToString(c));
        Row("latency", Readable.Time(result.Makespan));
        Row("cycles (design clock)", $"{result.Cycles:N0} cycles");
        Row("MACs", $"{result.Macs:N0} MACs");
        Row("effective throughput", $"{(seconds == 0 ? 0 : 2.0 * result.Macs / seconds / 1e12):N4} TOPS");
        Row("GEMM compute / stall", $"{result.Ops.Where(o => o.Unit != "vector").Sum(o => o.ComputeCycles):N0} / {result.Ops.Where(o => o.Unit != "vector").Sum(o => o.StallCycles):N0} cycles");
        Row("DRAM read / written", $"{result.Dram.Read.ExactBytes / 1e6:N3} / {result.Dram.Written.ExactBytes / 1e6:N3} MB");
        if (result.Dram.Rows is RowBufferStats rows)
        {
            Row("DRAM row hit / miss / conf.", $"{rows.Hits:N0} / {rows.Misses:N0} / {rows.Conflicts:N0} ({(rows.Bursts == 0 ? 0 : 100.0 * rows.Hits / rows.Bursts):N1} % hits)");
            Row("DRAM activations / refr.", $"{rows.Activations:N0} / {rows.Refreshes:N0}");
        }

        Row("SRAM read / written", $"{result.Ops.Sum(o => o.SramRead.ExactBytes) / 1e6:N3} / {result.Ops.Sum(o => o.SramWritten.ExactBytes) / 1e6:N3} MB");
        if (result.CriticalPath is { Operations.Count: > 0 } path)
        {
            OpResult longest = path.Operations.MaxBy(o => o.Latency.Picoseconds)!;
            Row("critical path", $"{path.Operations.Count:N0} operations, {Readable.Time(path.Length)}");
            Row("  from … to", $"{Readable.Cut(path.Operations[0].Name)} … {Readable.Cut(path.Operations[^1].Name)}");
            Row("  longest on it", $"{Readable.Cut(longest.Name)} ({Readable.Time(longest.Latency)})");
        }

        int exact = result.Ops.Count(o => o.FunctionalCheck == "exact");
        int skipped = result.Ops.Count(o => o.FunctionalCheck == "skipped");
        Row("functional checks", $"{exact} exact, {result.Mismatches} mismatch, {skipped} skipped");
        if (result.AccumulatorOverflows > 0)
        {
            Row("accumulator overflows", $"{result.AccumulatorOverflows:N0} partial sums wrapped");
        }

        Row("SQNR", result.SqnrDb is double db
            ? $"{OpsCsv.Sqnr(db)} dB against FP64 of unquantized operands"
            : "not measured (functional checks off)");
        Row("technology", Readable.Cut(result.Technology, 48));
        Row("energy", Readable.Energy(result.Energy.Total));
        Row("  dynamic + static", $"{Readable.Energy(result.Energy.Dynamic)} + {Readable.Energy(result.Energy.Static)}");
        Row("static power", $"{Readable.Power(result.StaticPower)} (leakage + DRAM background)");
        Row("area", $"{result.TotalArea.SquareMillimetres:N3} mm²");
        Row("energy per MAC", $"{result.PicojoulesPerMac:N4} pJ/MAC");
        Row("energy efficiency", $"{result.TopsPerWatt:N4} TOPS/W");
        Row("area efficiency", $"{result.TopsPerMm2:N6} TOPS/mm²");
        Row("energy-delay product", $"{result.EnergyDelayJouleSeconds * 1e6:N3} µJ·s");
        if (result.EnergyPerToken is Energy perToken)
        {
            Row("energy per token", $"{Readable.Energy(perToken)}/token ({result.Tokens:N0} token{(result.Tokens == 1 ? "" : "s")})");
        }

        Row("events processed", result.EventsRepeated == 0
            ? $"{result.Events:N0} events"
            : $"{result.Events:N0} events ({result.EventsRepeated:N0} repeated from an identical stretch)");
        console.Write(table);

        // Alike operations (the same shape, formats and time: an LLM's 32 ffn_up) are one row, the slowest first.
        var slowest = new Table().Border(TableBorder.Simple).Title("slowest operations (×N: N alike)");
        foreach (string column in new[] { "op", "m×n×k", "latency", "util %", "bound", "check" })
        {
            slowest.AddColumn(new TableColumn(column).PadLeft(0).PadRight(1));
        }

        var alike = result.Ops
            .GroupBy(o => (o.Unit, o.M, o.N, o.K, o.Repeat, o.ActivationFormat, o.WeightFormat, o.Latency.Picoseconds, o.FunctionalCheck))
            .Select(g => (First: g.OrderBy(o => o.Name, StringComparer.Ordinal).First(), Count: g.Count()))
            .OrderByDescending(g => g.First.Latency.Picoseconds).ThenBy(g => g.First.Name, StringComparer.Ordinal).Take(8);
        foreach ((OpResult op, int count) in alike)
        {
            string shape = op.Unit == "vector" ? op.WeightFormat : $"{op.M}×{op.N}×{op.K}" + (op.Repeat > 1 ? $" ×{op.Repeat}" : "");
            string check = op.FunctionalCheck == "mismatch" ? "[red]mismatch[/]" : op.FunctionalCheck;
            string name = count > 1 && LayerPrefix().Match(op.Name) is { Success: true } layer ? op.Name[layer.Length..] : op.Name;
            slowest.AddRow(Markup.Escape(Readable.Cut(name, 18) + (count > 1 ? $" ×{count}" : "")), Markup.Escape(shape), Readable.Time(op.Latency),
                op.UtilizationPct.ToString("N2", c), Markup.Escape(op.Roof?.Bound ?? ""), check);
        }

        console.Write(slowest);

        console.Write(EnergyTable.Build(result.Energy, millijoules: false));

        var area = new Table().Border(TableBorder.Simple).Title("area by component");
        foreach (string column in new[] { "component", "part", "area (mm²)", "leakage (mW)" })
        {
            area.AddColumn(column);
        }

        foreach (AreaLine line in result.Area)
        {
            area.AddRow(Markup.Escape(line.Component), Markup.Escape(Readable.Cut(line.Description, 34)), line.Area.SquareMillimetres.ToString("N4", c), (line.Leakage.Watts * 1e3).ToString("N3", c));
        }

        console.Write(area);
        console.WriteLine("Cycle-approximate: closed-form tile costs on a discrete-event engine (the README");
        console.WriteLine("says what is modelled). Energy and area are estimates: activity counts priced by");
        console.WriteLine("a cited technology table (see the README's energy model and its limits).");
        foreach (string note in result.Notes)
        {
            console.WriteLine($"note: {note}");
        }

        console.WriteLine($"wrote {Path.Combine(outDir, "summary.json")}, {Path.Combine(outDir, "ops.csv")}" + (extraFiles is null ? "" : $", {extraFiles}"));
    }
}
