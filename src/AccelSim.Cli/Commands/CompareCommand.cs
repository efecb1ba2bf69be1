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
/// each, plus compare.csv and a chart of speedup and energy against the first design. With one workload per design
/// (<c>--workload WA WB ...</c>), each design runs its own, such as one model at the precision each datapath takes.
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
        if (archPaths.Length < 2)
        {
            diagnostics.Add(SourceLocation.CommandLine("--arch"), "", "name two or more designs to compare");
        }

        FunctionalMode mode = FunctionalModes.FromOption(functionalName, diagnostics);

        if (workloadPaths.Length != 1 && workloadPaths.Length != archPaths.Length)
        {
            diagnostics.Add(SourceLocation.CommandLine("--workload"), "",
                $"give one workload for every design or one per design; got {workloadPaths.Length} workloads for {archPaths.Length} designs");
            return DiagnosticsOutput.Report(diagnostics, error);
        }

        var options = new RunOptions(mode, seed);
        var workloads = new Dictionary<string, Workload?>(StringComparer.Ordinal);
        var simulations = new List<(string Name, string Kinds, Simulation? Simulation)>();
        for (int i = 0; i < archPaths.Length; i++)
        {
            string path = archPaths[i], workloadPath = workloadPaths[workloadPaths.Length == 1 ? 0 : i];
            (List<string> designSets, List<string> workloadSets) = RunCommand.Route(sets, path, workloadPath);
            ArchitectureConfig? design = ArchitectureLoader.Load(path, designSets, diagnostics);
            if (!workloads.TryGetValue(workloadPath, out Workload? work))
            {
                work = WorkloadLoader.Load(workloadPath, workloadSets, diagnostics);
                workloads[workloadPath] = work;
            }

            Simulation? simulation = design is null || work is null ? null : Simulation.Create(design, work, options, diagnostics);
            simulations.Add((design?.Name ?? path, design is null ? "" : string.Join("+", design.Compute.Select(c => c.Kind).Distinct()), simulation));
        }

        IEnumerable<string> duplicates = simulations.GroupBy(s => s.Name).Where(g => g.Count() > 1).Select(g => g.Key);
        foreach (string name in duplicates)
        {
            diagnostics.Add(SourceLocation.CommandLine("--arch"), "", $"two designs are named '{name}'; give each a distinct name so the rows can be told apart");
        }

        if (diagnostics.HasErrors || workloads.Values.Any(w => w is null))
        {
            return DiagnosticsOutput.Report(diagnostics, error);
        }

        var runs = simulations.Select(s => (s.Name, s.Kinds, s.Simulation!.Run())).ToList();
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

        Print(Terminal.For(output), rows);
        output.WriteLine($"wrote {Path.Combine(outDir, "compare.csv")}, {Path.Combine(outDir, "compare.svg")}, {Path.Combine(outDir, "compare.png")}");
        int mismatches = rows.Sum(r => r.Result.Mismatches);
        if (mismatches > 0)
        {
            error.WriteLine($"FUNCTIONAL MISMATCH: {mismatches} operation(s) differ from the reference GEMM; rerun the design with 'accelsim run' for details");
            return RunCommand.MismatchExitCode;
        }

        return 0;
    }

    private static void Print(IAnsiConsole console, IReadOnlyList<ComparisonRow> rows)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        bool shared = rows.Select(r => r.Result.Workload).Distinct().Count() == 1;
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"AccelSim compare: {(shared ? rows[0].Result.Workload : "each design on its own workload")}"));
        foreach (string column in new[] { "design", "PE kinds", "workload", "cycles", "latency (ms)", "TOPS", "tokens/s", "energy (µJ)", "of it static (µJ)", "µJ/token", "area (mm²)", "TOPS/W", "TOPS/mm²", "SQNR (dB)", "speedup (×)", "energy (×)" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (ComparisonRow row in rows)
        {
            RunResult r = row.Result;
            table.AddRow(
                Markup.Escape(row.Design), Markup.Escape(row.PeKinds), Markup.Escape(r.Workload), r.Cycles.ToString("N0", c), (r.Makespan.Nanoseconds / 1e6).ToString("N3", c),
                r.Tops.ToString("N4", c), row.TokensPerSecond?.ToString("N2", c) ?? "-", r.Energy.Total.Microjoules.ToString("N1", c),
                r.Energy.Static.Microjoules.ToString("N1", c), r.EnergyPerToken?.Microjoules.ToString("N1", c) ?? "-", r.TotalArea.SquareMillimetres.ToString("N3", c), r.TopsPerWatt.ToString("N4", c),
                r.TopsPerMm2.ToString("N5", c), r.SqnrDb is null ? "-" : OpsCsv.Sqnr(r.SqnrDb), row.Speedup.ToString("N3", c), row.EnergyRatio.ToString("N3", c));
        }

        console.Write(table);
        console.WriteLine($"Speedup and energy are relative to {rows[0].Design}. Cycle-approximate timing; energy and area are estimates (see the README).");
    }
}
