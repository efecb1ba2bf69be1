using System.CommandLine;
using AccelSim.Accelerator;
using AccelSim.Accelerator.Moe;
using AccelSim.Accelerator.Pim;
using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Sweep;
using AccelSim.Workloads;

namespace AccelSim.Cli.Commands;

/// <summary>
/// <c>accelsim validate FILE...</c>: checks designs, workloads and sweep specs without running them, each file on its
/// own; <c>--arch A --workload W</c> checks the pair as <c>run</c> would (formats, capacities, PIM), and
/// <c>--set</c> applies overrides as <c>run</c> does.
/// </summary>
internal static class ValidateCommand
{
    public static Command Build()
    {
        var files = new Argument<string[]>("files") { Description = "Design (.yaml, SCALE-Sim .cfg), workload (.yaml, .csv) and sweep (.yaml) files, or bundled names.", Arity = ArgumentArity.ZeroOrMore };
        var arch = new Option<string?>("--arch", "-a") { Description = "A design to check with --workload as run would (default: arch-configs/default.yaml when only --workload is given)." };
        var workload = new Option<string?>("--workload", "-w") { Description = "A workload to check with --arch as run would (default: workloads/default.yaml when only --arch is given)." };
        var set = new Option<string[]>("--set") { Description = "Override a key as run does: path=value; arch. and workload. prefixes choose the file. Repeatable.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("validate", "Check designs, workloads and sweep specs and report every error, without simulating.") { files, arch, workload, set };
        command.SetAction(result => Run(
            [.. (result.GetValue(files) ?? []).SelectMany(BundledFiles.Expand).Select(BundledFiles.Any)],
            result.GetValue(arch) is string a ? BundledFiles.Design(a) : null,
            result.GetValue(workload) is string w ? BundledFiles.Workload(w) : null,
            result.GetValue(set) ?? [],
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string[] files, string? arch, string? workload, string[] sets, TextWriter output, TextWriter error)
    {
        var all = new Diagnostics();
        if (files.Length == 0 && arch is null && workload is null)
        {
            all.Add(SourceLocation.CommandLine("validate"), "", "name files to check, or --arch and --workload to check a pair as run would");
            return DiagnosticsOutput.Report(all, error);
        }

        foreach (string file in files)
        {
            // Each file on its own: a failing file must not make the next one skip checks.
            var diagnostics = new Diagnostics();
            string what = CheckFile(file, sets, diagnostics);
            Report(all, diagnostics, output, $"ok: {file}: {what}");
        }

        if (arch is not null || workload is not null)
        {
            var diagnostics = new Diagnostics();
            string what = Pair(arch ?? BundledFiles.DefaultDesign, workload ?? BundledFiles.DefaultWorkload, sets, diagnostics);
            Report(all, diagnostics, output, $"ok: {what}");
        }

        return all.HasErrors ? DiagnosticsOutput.Report(all, error) : 0;
    }

    private static void Report(Diagnostics all, Diagnostics one, TextWriter output, string ok)
    {
        if (one.HasErrors)
        {
            foreach (ConfigError e in one.Errors)
            {
                all.Add(e);
            }
        }
        else
        {
            output.WriteLine(ok);
        }
    }

    /// <summary>One file, checked as what it is; the one-line summary of what it holds.</summary>
    private static string CheckFile(string file, string[] sets, Diagnostics diagnostics)
    {
        InputKind kind = InputFiles.Of(file);
        if (InputFiles.Mistake(file, "", InputKind.Design, InputKind.Workload, InputKind.Sweep) is string mistake)
        {
            diagnostics.Add(new SourceLocation(file, 1, 1), "", mistake);
            return "";
        }

        if (kind == InputKind.Sweep)
        {
            SweepSpec? spec = SweepSpecReader.Load(file, diagnostics);
            return spec is null ? "" : $"sweep '{spec.Name}', {SweepExpansion.Count(spec)} points ({SweepExpansion.Size(spec)} before constraints), objectives {string.Join(", ", spec.Objectives)}";
        }

        if (kind == InputKind.Workload)
        {
            return Describe(WorkloadLoader.Load(file, For("workload.", sets), diagnostics));
        }

        ArchitectureConfig? design = ArchitectureLoader.Load(file, For("arch.", sets), diagnostics);
        return Describe(design);
    }

    /// <summary>A design and a workload checked as run would: both load, and the design can run the workload.</summary>
    private static string Pair(string arch, string workloadPath, string[] sets, Diagnostics diagnostics)
    {
        (ArchitectureConfig? design, Workload? workload) = DesignAndWorkload.Load(arch, workloadPath, sets, diagnostics);
        if (design is null || workload is null)
        {
            return "";
        }

        var options = new RunOptions(FunctionalMode.Off);
        bool runs;
        try
        {
            runs = workload switch
            {
                { Decode: not null } => DecodeSimulation.Create(design, workload, options, diagnostics) is not null,
                { Moe: not null } => OffloadSimulation.Create(design, workload, options, diagnostics) is not null,
                _ => Simulation.Create(design, workload, options, diagnostics) is not null,
            };
        }
        catch (OverflowException)
        {
            // The mapper's trial runs already pass 64-bit time: the run would too, so the setting is named here.
            (List<string> designSets, List<string> workloadSets) = DesignAndWorkload.Route(sets, arch, workloadPath);
            diagnostics.Add(OverflowCulprit.Find(arch, designSets, workloadPath, workloadSets, seed: 1));
            return "";
        }

        return runs && !diagnostics.HasErrors ? $"{Describe(design)} runs {Describe(workload)}" : "";
    }

    /// <summary>The overrides meant for one kind of file: those with its prefix (stripped) and those with none.</summary>
    private static List<string> For(string prefix, string[] sets) =>
        [.. sets.Where(s => s.StartsWith(prefix, StringComparison.Ordinal) || !(s.StartsWith("arch.", StringComparison.Ordinal) || s.StartsWith("workload.", StringComparison.Ordinal)))
            .Select(s => s.StartsWith(prefix, StringComparison.Ordinal) ? s[prefix.Length..] : s)];

    private static string Describe(ArchitectureConfig? design) =>
        design is null ? "" : $"design '{design.Name}', {design.Compute.Count} compute unit(s), {design.Buffers.Count} buffer(s), memory {design.Memory.Kind}";

    private static string Describe(Workload? workload) => workload switch
    {
        null => "",
        { Decode: { } decode } => $"workload '{workload.Name}', batched decode of {decode.Batch} requests × {decode.Steps} steps on {decode.Model.Name}",
        { Moe: { } moe } => $"workload '{workload.Name}', MoE decode of {moe.Batch} sequence(s) × {moe.Steps} tokens on {moe.Model.Name} ({moe.Routing.Source})",
        _ => $"workload '{workload.Name}', {workload.Operations.Count} operations",
    };
}
