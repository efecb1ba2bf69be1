namespace AccelSim.Cli.Commands;

/// <summary>
/// Finds the bundled designs, workloads and sweeps: in the current directory or one above it (a clone), else next to
/// the executable (an installed tool carries copies of <c>arch-configs/</c> and <c>workloads/</c>). A bare name such
/// as <c>tpu-v1-like</c> or <c>llama2-7b-prefill-2k</c> names a bundled file.
/// </summary>
internal static class BundledFiles
{
    public static string DefaultDesign => Find(Path.Combine("arch-configs", "default.yaml"));

    public static string DefaultWorkload => Find(Path.Combine("workloads", "default.yaml"));

    public static string DesignsDirectory => Find("arch-configs");

    public static string WorkloadsDirectory => Find("workloads");

    public static string SweepsDirectory => Path.Combine(DesignsDirectory, "sweeps");

    /// <summary>The bundled designs: every YAML of <c>arch-configs/</c> and <c>arch-configs/scale-sim/</c>.</summary>
    public static IReadOnlyList<string> Designs =>
        [.. YamlIn(DesignsDirectory, SearchOption.TopDirectoryOnly), .. YamlIn(Path.Combine(DesignsDirectory, "scale-sim"), SearchOption.TopDirectoryOnly)];

    /// <summary>The bundled workloads: every YAML under <c>workloads/</c> but the model shapes they include.</summary>
    public static IReadOnlyList<string> Workloads =>
        [.. YamlIn(WorkloadsDirectory, SearchOption.AllDirectories).Where(f => !f.Split(Path.DirectorySeparatorChar).Contains("models"))];

    public static IReadOnlyList<string> Sweeps => YamlIn(SweepsDirectory, SearchOption.TopDirectoryOnly);

    /// <summary>A design argument: a path as given, or the bundled design of that name.</summary>
    public static string Design(string argument) => ByName(argument, Designs);

    /// <summary>A workload argument: a path as given, or the bundled workload of that name.</summary>
    public static string Workload(string argument) => ByName(argument, Workloads);

    /// <summary>A sweep argument: a path as given, or the bundled sweep of that name.</summary>
    public static string Sweep(string argument) => ByName(argument, Sweeps);

    /// <summary>A file argument of any kind: a path as given, or the bundled sweep, design or workload of that name (in that order).</summary>
    public static string Any(string argument) =>
        Sweep(argument) is var sweep && sweep != argument ? sweep
        : Design(argument) is var design && design != argument ? design
        : Workload(argument);

    /// <summary>The name a bundled file goes by: its file name without <c>.yaml</c>.</summary>
    public static string NameOf(string file) => Path.GetFileNameWithoutExtension(file);

    /// <summary>
    /// A file argument's paths: a glob (<c>arch-configs/*.yaml</c>, as a shell passes it on when nothing matches
    /// here) expanded among the files here or, failing that, the bundled ones; otherwise the argument itself.
    /// </summary>
    public static IReadOnlyList<string> Expand(string argument)
    {
        if (!argument.Contains('*', StringComparison.Ordinal) || File.Exists(argument))
        {
            return [argument];
        }

        string directory = Path.GetDirectoryName(argument) is { Length: > 0 } d ? d : ".";
        string pattern = Path.GetFileName(argument);
        string? here = Directory.Exists(directory) ? directory : Path.IsPathRooted(directory) ? null : Find(directory) is var bundled && Directory.Exists(bundled) ? bundled : null;
        string[] matches = here is null ? [] : [.. Directory.GetFiles(here, pattern).Order(StringComparer.Ordinal)];
        return matches.Length == 0 ? [argument] : matches;
    }

    private static string ByName(string argument, IReadOnlyList<string> bundled)
    {
        if (File.Exists(argument) || Directory.Exists(argument))
        {
            return argument;
        }

        // A path into the bundled tree given outside a clone (arch-configs/tpu-v1-like.yaml from another directory).
        if (!Path.IsPathRooted(argument) && argument.Split('/', '\\')[0] is "arch-configs" or "workloads" && Find(argument) is var found && File.Exists(found))
        {
            return found;
        }

        bool looksLikeName = !argument.Contains('/', StringComparison.Ordinal) && !argument.Contains('\\', StringComparison.Ordinal)
            && Path.GetExtension(argument) is "" or ".yaml";
        if (!looksLikeName)
        {
            return argument;
        }

        string name = Path.GetFileNameWithoutExtension(argument);
        return bundled.FirstOrDefault(f => string.Equals(NameOf(f), name, StringComparison.Ordinal)) ?? argument;
    }

    private static IReadOnlyList<string> YamlIn(string directory, SearchOption depth) => Directory.Exists(directory)
        ? [.. Directory.GetFiles(directory, "*.yaml", depth).Order(StringComparer.Ordinal)]
        : [];

    private static string Find(string relative)
    {
        string? directory = Directory.GetCurrentDirectory();
        for (int up = 0; directory is not null && up < 6; up++, directory = Path.GetDirectoryName(directory))
        {
            string candidate = Path.Combine(directory, relative);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return Path.GetRelativePath(Directory.GetCurrentDirectory(), candidate);
            }
        }

        return Path.Combine(AppContext.BaseDirectory, relative);
    }
}
