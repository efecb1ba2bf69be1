using System.CommandLine;
using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Hardware;
using AccelSim.Sweep;
using AccelSim.Workloads;
using Spectre.Console;

namespace AccelSim.Cli.Commands;

/// <summary>
/// <c>accelsim list</c>: the bundled designs, workloads and sweeps, one line each, by the name <c>--arch</c>,
/// <c>--workload</c> and <c>sweep</c> accept.
/// </summary>
internal static class ListCommand
{
    public static Command Build()
    {
        var command = new Command("list", "List the bundled designs, workloads and sweeps, by the names --arch, --workload and sweep accept.");
        command.SetAction(result => Show(result.InvocationConfiguration.Output));
        return command;
    }

    private static int Show(TextWriter output)
    {
        IAnsiConsole console = Terminal.For(output);
        Section(console, "designs (--arch NAME)", ["name", "PE kinds", "weights × activations", "memory"], BundledFiles.Designs, Design);
        Section(console, "workloads (--workload NAME)", ["name", "kind", "model or operations", "precision"], BundledFiles.Workloads, Workload);
        Section(console, "sweeps (accelsim sweep NAME)", ["name", "points", "objectives"], BundledFiles.Sweeps, Sweep);
        return 0;
    }

    private static void Section(IAnsiConsole console, string title, string[] columns, IReadOnlyList<string> files, Func<string, string[]> describe)
    {
        var table = new Table().Border(TableBorder.Simple).Title(Markup.Escape(title));
        foreach (string column in columns)
        {
            table.AddColumn(column);
        }

        foreach (string file in files)
        {
            table.AddRow([Markup.Escape(BundledFiles.NameOf(file)), .. describe(file).Select(Markup.Escape)]);
        }

        console.Write(table);
    }

    private static string[] Design(string file)
    {
        var diagnostics = new Diagnostics();
        ArchitectureConfig? design = ArchitectureLoader.Load(file, [], diagnostics);
        if (design is null)
        {
            return [$"does not load: {FirstError(diagnostics)}", "", ""];
        }

        string kinds = string.Join(" + ", design.Compute.Select(c => c.Count > 1 ? $"{c.Count}× {c.Kind}" : c.Kind));
        ComputeUnitConfig first = design.Compute[0];
        string precision = $"{Formats(first.WeightFormats)} × {Formats(first.ActivationFormats)}";
        return [kinds, precision, design.Memory.Technology ?? design.Memory.Kind];
    }

    private static string[] Workload(string file)
    {
        var diagnostics = new Diagnostics();
        Workload? workload = WorkloadLoader.Load(file, [], diagnostics);
        return workload switch
        {
            null => [$"does not load: {FirstError(diagnostics)}", "", ""],
            { Decode: { } d } => ["batched decode", $"{d.Model.Name}, batch {d.Batch}", $"W {d.Weights.Name}, A {d.Activations.Name}, KV {d.KvCache.Name}"],
            { Moe: { } m } => ["MoE decode", $"{m.Model.Name}, batch {m.Batch}", $"W {m.Weights.Name}, A {m.Activations.Name}"],
            _ => [workload.Tokens is null ? "GEMMs" : "LLM layers", $"{workload.Operations.Count} operations", Precision(workload)],
        };
    }

    /// <summary>The GEMMs' most common weight and activation formats.</summary>
    private static string Precision(Workload workload) =>
        workload.Operations.OfType<GemmOp>().GroupBy(g => (Weight: g.Weight.Name, Activation: g.Activation.Name))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Weight, StringComparer.Ordinal).Select(g => $"W {g.Key.Weight}, A {g.Key.Activation}")
            .FirstOrDefault() ?? "vector operations only";

    /// <summary>Up to three formats by name, then how many more, so each design stays on one line.</summary>
    private static string Formats(IReadOnlyList<Numerics.NumericFormat> formats) =>
        string.Join("/", formats.Take(3).Select(f => f.Name)) + (formats.Count > 3 ? $" (+{formats.Count - 3})" : "");

    private static string FirstError(Diagnostics diagnostics) => diagnostics.Errors.Count == 0 ? "" : diagnostics.Errors[0].ToString();

    private static string[] Sweep(string file)
    {
        var diagnostics = new Diagnostics();
        SweepSpec? spec = SweepSpecReader.Load(file, diagnostics);
        return spec is null
            ? [$"does not load: {FirstError(diagnostics)}", ""]
            : [$"{SweepExpansion.Count(spec)}", string.Join(", ", spec.Objectives)];
    }
}
