using System.CommandLine;
using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Sweep;
using AccelSim.Workloads;

namespace AccelSim.Cli.Commands;

/// <summary><c>accelsim validate FILE...</c>: checks designs and workloads without running them.</summary>
internal static class ValidateCommand
{
    public static Command Build()
    {
        var files = new Argument<string[]>("files") { Description = "Design (.yaml, SCALE-Sim .cfg), workload (.yaml, .csv) and sweep (.yaml) files.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check designs, workloads and sweep specs and report every error, without simulating.") { files };
        command.SetAction(result => Run([.. result.GetValue(files)!.Select(BundledFiles.Any)], result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string[] files, TextWriter output, TextWriter error)
    {
        var diagnostics = new Diagnostics();
        foreach (string file in files)
        {
            int before = diagnostics.Count;
            string what;
            if (IsSweep(file))
            {
                SweepSpec? spec = SweepSpecReader.Load(file, diagnostics);
                what = spec is null ? "" : $"sweep '{spec.Name}', {SweepExpansion.Points(spec).Count} points ({SweepExpansion.Size(spec)} before constraints), objectives {string.Join(", ", spec.Objectives)}";
            }
            else if (IsWorkload(file))
            {
                Workload? workload = WorkloadLoader.Load(file, [], diagnostics);
                what = workload switch
                {
                    null => "",
                    { Decode: { } decode } => $"workload '{workload.Name}', batched decode of {decode.Batch} requests × {decode.Steps} steps on {decode.Model.Name}",
                    { Moe: { } moe } => $"workload '{workload.Name}', MoE decode of {moe.Batch} sequence(s) × {moe.Steps} tokens on {moe.Model.Name} ({moe.Routing.Source})",
                    _ => $"workload '{workload.Name}', {workload.Operations.Count} operations",
                };
            }
            else
            {
                ArchitectureConfig? design = ArchitectureLoader.Load(file, [], diagnostics);
                what = design is null ? "" : $"design '{design.Name}', {design.Compute.Count} compute unit(s), {design.Buffers.Count} buffer(s), memory {design.Memory.Kind}";
            }

            if (diagnostics.Count == before)
            {
                output.WriteLine($"ok: {file}: {what}");
            }
        }

        return diagnostics.HasErrors ? DiagnosticsOutput.Report(diagnostics, error) : 0;
    }

    /// <summary>A YAML whose top level has <c>objectives</c>, which only a sweep spec has.</summary>
    private static bool IsSweep(string file) =>
        file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && File.Exists(file)
        && YamlSource.LoadFile(file, new Diagnostics()) is ConfigMapping map && map["objectives"] is not null;

    /// <summary>A CSV, or a YAML whose top level says <c>kind: gemm</c> or <c>kind: transformer</c>.</summary>
    internal static bool IsWorkload(string file)
    {
        if (file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (file.EndsWith(".cfg", StringComparison.OrdinalIgnoreCase) || !File.Exists(file))
        {
            return false;
        }

        var quiet = new Diagnostics();
        return YamlSource.LoadFile(file, quiet) is ConfigMapping map && map["kind"] is ConfigScalar { Value: "gemm" or "transformer" or "batched-decode" or "moe-decode" };
    }
}
