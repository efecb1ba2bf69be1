using System.CommandLine;
using System.Globalization;
using AccelSim.Accelerator;
using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Report;
using AccelSim.Report.Charts;
using AccelSim.Workloads;
using Spectre.Console;

namespace AccelSim.Cli.Commands;

/// <summary>
/// <c>accelsim compare --arch A B ... --workload W</c>: every design on the same workload with the same seed, one row
/// each, plus compare.csv and a chart of speedup and energy against the first that ran. With one workload per design
/// (<c>--workload WA WB ...</c>), each design runs its own, such as one model at the precision each datapath takes;
/// with one design and several workloads, the design runs each. A design that cannot run its workload is refused
/// in one line and the others run; the command fails only when none ran.
/// </summary>
internal static class CompareCommand
{
    public static Command Build()
    {
        var arch = new Option<string[]>("--arch", "-a") { Description = "Two or more designs (YAML or SCALE-Sim .cfg); the first is the baseline.", AllowMultipleArgumentsPerToken = true, Required = true };
        var workload = new Option<string[]>("--workload", "-w") { Description = "One workload for every design, or one per design in --arch order (default: workloads/default.yaml).", AllowMultipleArgumentsPerToken = true };
        var outDir = new Option<string>("--out", "-o") { Description = "Directory for compare.csv and compare.svg/.png.", DefaultValueFactory = _ => "accelsim-compare" };
        var functional = new Option<string>("--functional", "-f") { Description = "Functional checks (and SQNR): full, sample or off.", DefaultValueFactory = _ => "sample" };
        var seed = new Option<int>("--seed", "-s") { Description = "Seed of the synthetic operands, the same for every design.", DefaultValueFactory = _ => 1 };
        var set = new Option<string[]>("--set") { Description = "Override a key of every design or of the workload: path=value. Repeatable.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("compare", "Run several designs on one workload and compare cycles, throughput, energy, area and numerical error.")
        {
            arch, workload, outDir, functional, seed, set,
        };
        command.SetAction(result => Compare(
            [.. (result.GetValue(arch) ?? []).Select(BundledFiles.Design)],
            result.GetValue(workload) is { Length: > 0 } w ? [.. w.Select(BundledFiles.Workload)] : [BundledFiles.DefaultWorkload],
            result.GetValue(outDir)!,
            result.GetValue(functional)!,
            result.GetValue(seed),
            result.GetValue(set) ?? [],
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    private static int Compare(string[] archPaths, string[] workloadPaths, string outDir, string functionalName, int seed, string[] sets, TextWriter output, TextWriter error)
    {
        var diagnostics = new Diagnostics();
        FunctionalMode mode = FunctionalModes.FromOption(functionalName, diagnostics);
        (string Arch, string Workload)[] pairs = archPaths.Length == 1 && workloadPaths.Length > 1
            ? [.. workloadPaths.Select(w => (archPaths[0], w))]
            : workloadPaths.Length == 1 || workloadPaths.Length == archPaths.Length
                ? [.. archPaths.Select((a, i) => (a, workloadPaths[workloadPaths.Length == 1 ? 0 : i]))]
                : [];
        if (pairs.Length == 0)
        {
            diagnostics.Add(SourceLocation.CommandLine("--workload"), "",
                $"give one workload for every design, one per design, or one design and several workloads; got {workloadPaths.Length} workloads for {archPaths.Length} designs");
            return DiagnosticsOutput.Report(diagnostics, error);
        }

        if (pairs.Length < 2)
        {
            diagnostics.Add(SourceLocation.CommandLine("--arch"), "", "name two or more designs to compare, or one design and two or more workloads");
        }

        // Files that do not load are input errors, reported all at once; a design that loads but cannot run its
        // workload (formats its units do not take, a model too large for its memory) is refused, and the rest run.
        var options = new RunOptions(mode, seed);
        var loaded = new List<(ArchitectureConfig Design, Workload Workload)>();
        var paths = new List<(string Arch, string Workload)>();
        foreach ((string arch, string workloadPath) in pairs)
        {
            (ArchitectureConfig? design, Workload? work) = DesignAndWorkload.Load(arch, workloadPath, sets, diagnostics);
            if (design is not null && work is not null)
            {
                loaded.Add((design, work));
                paths.Add((arch, workloadPath));
            }
        }

        OutputPaths.IntoDirectory("--out", outDir, diagnostics);
        foreach (string name in new[] { "compare.csv", "compare.svg", "compare.png" })
        {
            OutputPaths.Input("--out", string.IsNullOrWhiteSpace(outDir) ? name : Path.Combine(outDir, name), diagnostics, diagnostics.Sources);
        }

        if (diagnostics.HasErrors)
        {
            return DiagnosticsOutput.Report(diagnostics, error);
        }

        Func<(ArchitectureConfig Design, Workload Workload), string> label =
            loaded.Select(p => p.Design.Name).Distinct().Count() == loaded.Count ? p => p.Design.Name
            : loaded.Select(p => p.Workload.Name).Distinct().Count() == loaded.Count ? p => p.Workload.Name
            : p => $"{p.Design.Name} on {p.Workload.Name}";
        foreach (IGrouping<string, string> twice in loaded.Select(label).GroupBy(n => n).Where(g => g.Count() > 1))
        {
            diagnostics.Add(SourceLocation.CommandLine("--arch"), "", $"two rows would be named '{twice.Key}'; give each design a distinct name so the rows can be told apart");
        }

        if (diagnostics.HasErrors)
        {
            return DiagnosticsOutput.Report(diagnostics, error);
        }

        var runs = new List<(string Name, string Kinds, RunResult Result)>();
        var refused = new List<string>();
        foreach (((ArchitectureConfig design, Workload work), (string archPath, string workloadPath)) in loaded.Zip(paths))
        {
            var why = new Diagnostics();
            try
            {
                Simulation? simulation = Simulation.Create(design, work, options, why);
                if (simulation is null || why.HasErrors)
                {
                    refused.Add($"{label((design, work))}: refused: {(why.FoldedLines.Count > 0 ? why.FoldedLines[0] : "it cannot run this workload")}"
                        + (why.FoldedLines.Count > 1 ? $" (and {why.FoldedLines.Count - 1} more)" : ""));
                    continue;
                }

                runs.Add((label((design, work)), string.Join("+", design.Compute.Select(c => c.Kind).Distinct()), simulation.Run()));
            }
            catch (OverflowException)
            {
                (List<string> designSets, List<string> workloadSets) = DesignAndWorkload.Route(sets, archPath, workloadPath);
                refused.Add($"{label((design, work))}: refused: {OverflowCulprit.Find(archPath, designSets, workloadPath, workloadSets, seed)}");
            }
        }

        foreach (string line in refused)
        {
            error.WriteLine(line);
        }

        if (runs.Count == 0)
        {
            error.WriteLine($"none of the {loaded.Count} ran; nothing was compared");
            return 1;
        }

        IReadOnlyList<ComparisonRow> rows = Comparison.Rows(runs);
        Directory.CreateDirectory(outDir);
        using (var csv = new StreamWriter(Path.Combine(outDir, "compare.csv")))
        {
            Comparison.WriteCsv(csv, rows);
        }

        using (Chart chart = Comparison.Chart(rows))
        {
            chart.SaveBoth(Path.Combine(outDir, "compare.svg"));
        }

        Print(Terminal.For(output), rows, loaded.Select(p => p.Design).DistinctBy(d => d.Name).ToDictionary(d => d.Name, d => d.Clock.ToString()));
        output.WriteLine($"wrote {Path.Combine(outDir, "compare.csv")}, {Path.Combine(outDir, "compare.svg")}, {Path.Combine(outDir, "compare.png")}"
            + (refused.Count > 0 ? $"; {refused.Count} refused (above)" : ""));
        int mismatches = rows.Sum(r => r.Result.Mismatches);
        if (mismatches > 0)
        {
            error.WriteLine($"FUNCTIONAL MISMATCH: {mismatches} operation(s) differ from the reference GEMM; rerun the design with 'accelsim run' for details");
            return RunCommand.MismatchExitCode;
        }

        return 0;
    }

    /// <summary>
    /// One column per design and one row per quantity, so that a comparison of a few designs fits an 80-column terminal;
    /// compare.csv has the same figures one design a row.
    /// </summary>
    private static void Print(IAnsiConsole console, IReadOnlyList<ComparisonRow> rows, Dictionary<string, string> clocks)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        bool shared = rows.Select(r => r.Result.Workload).Distinct().Count() == 1;
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"AccelSim compare: {(shared ? rows[0].Result.Workload : "each on its own workload")}"));
        table.AddColumn(new TableColumn(""));
        foreach (ComparisonRow row in rows)
        {
            table.AddColumn(new TableColumn(Markup.Escape(row.Design)).RightAligned());
        }

        void Line(string quantity, Func<ComparisonRow, string> value) => table.AddRow([Markup.Escape(quantity), .. rows.Select(r => Markup.Escape(value(r)))]);
        Line("design", r => r.Result.Design);
        Line("PE kinds", r => r.PeKinds);
        Line("workload", r => r.Result.Workload);
        Line("clock", r => clocks.TryGetValue(r.Result.Design, out string? clock) ? clock : "-");
        Line("cycles", r => r.Result.Cycles.ToString("N0", c));
        Line("latency", r => Readable.Time(r.Result.Makespan));
        Line("TOPS", r => r.Result.Tops.ToString("N4", c));
        Line("tokens/s", r => r.TokensPerSecond?.ToString("N2", c) ?? "-");
        Line("energy (µJ)", r => r.Result.Energy.Total.Microjoules.ToString("N1", c));
        Line("of it static (µJ)", r => r.Result.Energy.Static.Microjoules.ToString("N1", c));
        Line("energy/token (µJ)", r => r.Result.EnergyPerToken?.Microjoules.ToString("N1", c) ?? "-");
        Line("area (mm²)", r => r.Result.TotalArea.SquareMillimetres.ToString("N3", c));
        Line("TOPS/W", r => r.Result.TopsPerWatt.ToString("N4", c));
        Line("TOPS/mm²", r => r.Result.TopsPerMm2.ToString("N5", c));
        Line("SQNR (dB)", r => r.Result.SqnrDb is null ? "-" : OpsCsv.Sqnr(r.Result.SqnrDb));
        Line("speedup (×)", r => r.Speedup.ToString("N3", c));
        Line("energy (×)", r => r.EnergyRatio.ToString("N3", c));
        console.Write(table);
        console.WriteLine($"Speedup and energy are relative to {rows[0].Design}. Cycle-approximate timing; energy and area are estimates (see the README).");
    }
}
