using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Workloads;

namespace AccelSim.Cli.Commands;

/// <summary>
/// Loads the design and workload a command names, as <c>run</c>, <c>compare</c> and <c>validate</c> all do: each file
/// checked for the common mistakes first (<see cref="InputFiles"/>), the <c>--set</c> overrides sent to the one they
/// belong to, then both loaded with every error collected.
/// </summary>
internal static class DesignAndWorkload
{
    public static (ArchitectureConfig? Design, Workload? Workload) Load(string archPath, string workloadPath, string[] sets, Diagnostics diagnostics)
    {
        string? archMistake = InputFiles.Mistake(archPath, "--arch", InputKind.Design);
        string? workloadMistake = InputFiles.Mistake(workloadPath, "--workload", InputKind.Workload);
        if (archMistake is not null)
        {
            diagnostics.Add(SourceLocation.CommandLine("--arch"), "", archMistake);
        }

        if (workloadMistake is not null)
        {
            diagnostics.Add(SourceLocation.CommandLine("--workload"), "", workloadMistake);
        }

        (List<string> designSets, List<string> workloadSets) = Route(sets, archPath, workloadPath);
        ArchitectureConfig? design = archMistake is null ? ArchitectureLoader.Load(archPath, designSets, diagnostics) : null;
        Workload? workload = workloadMistake is null ? WorkloadLoader.Load(workloadPath, workloadSets, diagnostics) : null;
        return (design, workload);
    }

    /// <summary>
    /// Sends each <c>--set</c> to the design or the workload: an explicit <c>arch.</c> or <c>workload.</c> prefix
    /// decides; otherwise the first key decides (a key the workload has and the design has not goes to the workload).
    /// </summary>
    public static (List<string> Design, List<string> Workload) Route(string[] sets, string archPath, string workloadPath)
    {
        var design = new List<string>();
        var workload = new List<string>();
        if (sets.Length == 0)
        {
            return (design, workload);
        }

        ConfigMapping? workloadRoot = InputFiles.Of(workloadPath) == InputKind.Workload && !workloadPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
            ? YamlSource.LoadFile(workloadPath, new Diagnostics()) as ConfigMapping
            : null;
        ConfigMapping? designRoot = archPath.EndsWith(".cfg", StringComparison.OrdinalIgnoreCase) ? null : YamlSource.LoadFile(archPath, new Diagnostics()) as ConfigMapping;
        foreach (string set in sets)
        {
            if (set.StartsWith("arch.", StringComparison.Ordinal))
            {
                design.Add(set[5..]);
            }
            else if (set.StartsWith("workload.", StringComparison.Ordinal))
            {
                workload.Add(set[9..]);
            }
            else
            {
                string first = set.Split('=', 2)[0].Split('.', '[')[0].Trim();
                bool toWorkload = workloadRoot?[first] is not null && designRoot?[first] is null;
                (toWorkload ? workload : design).Add(set);
            }
        }

        return (design, workload);
    }
}
