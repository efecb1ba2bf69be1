using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Hardware;
using AccelSim.Workloads;

namespace AccelSim.Cli.Commands;

/// <summary>
/// What to try when a design refuses a workload's formats: the <c>--set</c> that would make a transformer workload
/// fit, and the bundled workloads of its kind whose every GEMM the design runs.
/// </summary>
internal static class WorkloadHints
{
    public static IReadOnlyList<string> For(ArchitectureConfig design, Workload workload)
    {
        List<IPeModel> units = [.. design.Compute.Select(c => c.Build())];
        bool Runs(GemmOp g) => units.Any(u => u.CannotRun(g.Activation, g.Weight) is null);
        bool Fits(Workload w) => w.Operations.OfType<GemmOp>().All(Runs);
        if (workload.Decode is not null || workload.Moe is not null || Fits(workload))
        {
            return [];
        }

        var hints = new List<string>();
        GemmOp refused = workload.Operations.OfType<GemmOp>().First(g => !Runs(g));
        if (workload.Tokens is not null)
        {
            IPeModel unit = units[0];
            var sets = new List<string>();
            if (!units.Any(u => u.ActivationFormats.Any(a => a.Name == refused.Activation.Name)))
            {
                sets.Add($"--set workload.formats.activations={unit.ActivationFormats[0].Name}");
            }

            if (!units.Any(u => u.WeightFormats.Any(w => w.Name == refused.Weight.Name)))
            {
                sets.Add($"--set workload.formats.weights={unit.WeightFormats[0].Name}");
            }

            if (sets.Count > 0)
            {
                hints.Add($"{string.Join(" ", sets)} runs this workload at a precision {design.Name} takes");
            }
        }

        string[] fitting = [.. BundledFiles.Workloads
            .Select(file => (file, loaded: WorkloadLoader.Load(file, [], new Diagnostics())))
            .Where(p => p.loaded is { Decode: null, Moe: null } w && (w.Tokens is null) == (workload.Tokens is null) && Fits(w))
            .OrderByDescending(p => CommonPrefix(BundledFiles.NameOf(p.file), workload.Name))
            .ThenBy(p => BundledFiles.NameOf(p.file), StringComparer.Ordinal)
            .Take(2)
            .Select(p => $"--workload {BundledFiles.NameOf(p.file)}")];
        if (fitting.Length > 0)
        {
            hints.Add($"{(hints.Count > 0 ? "or" : "bundled workloads")} {design.Name} runs: {string.Join(", ", fitting)} (accelsim list shows them all)");
        }

        // One line, so the mistake and what would run fit in three.
        return hints.Count == 0 ? [] : [string.Join("; ", hints)];
    }

    private static int CommonPrefix(string a, string b)
    {
        int n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }
}
