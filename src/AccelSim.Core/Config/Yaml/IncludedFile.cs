namespace AccelSim.Config.Yaml;

/// <summary>
/// A file one input names relative to itself (a memory or link preset, a model shape, a technology table, a trace):
/// looked for next to the including file first, then among the bundled copies of <c>arch-configs/</c> and
/// <c>workloads/</c> that travel with the tool, so a design or workload copied out of the repository still finds the
/// presets and model shapes it names. A name found in neither is reported with both places.
/// </summary>
public static class IncludedFile
{
    /// <summary>The bundled input folders: those beside the executable (the build and the installed tool copy them there).</summary>
    public static IReadOnlyList<string> BundledRoots { get; } =
        [Path.Combine(AppContext.BaseDirectory, "arch-configs"), Path.Combine(AppContext.BaseDirectory, "workloads")];

    private static readonly Lazy<string[]> BundledDirectories = new(() =>
        [.. BundledRoots.Where(Directory.Exists)
            .SelectMany(root => Directory.GetDirectories(root, "*", SearchOption.AllDirectories).Prepend(root))
            .Order(StringComparer.Ordinal)]);

    /// <summary>
    /// Where <paramref name="reference"/>, named in <paramref name="includingFile"/>, is: beside that file if it is
    /// there (or the reference is absolute), else the bundled file it names, else null with <paramref name="missing"/>
    /// saying where it was looked for.
    /// </summary>
    public static string? Find(string includingFile, string reference, out string missing)
    {
        ArgumentNullException.ThrowIfNull(reference);
        string beside = Path.IsPathRooted(reference) ? reference : Path.Combine(Path.GetDirectoryName(includingFile) ?? "", reference);
        missing = "";
        if (Itself(includingFile, beside, reference) is string self)
        {
            missing = self;
            return null;
        }

        if (File.Exists(beside) || Path.IsPathRooted(reference))
        {
            missing = File.Exists(beside) ? "" : $"no such file '{beside}'";
            return File.Exists(beside) ? beside : null;
        }

        foreach (string directory in BundledDirectories.Value)
        {
            string candidate = Path.GetFullPath(Path.Combine(directory, reference));
            if (File.Exists(candidate) && BundledRoots.Any(root => candidate.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal)))
            {
                return candidate;
            }
        }

        missing = $"no such file '{reference}': not at '{beside}' next to '{includingFile}', nor among the bundled files in {string.Join(" and ", BundledRoots)}";
        return null;
    }

    /// <summary>
    /// Why <paramref name="resolved"/> cannot be what <paramref name="reference"/> stands for, when it is the very file
    /// that names it (read again as a preset, a model or a trace, it could only give errors about itself); null otherwise.
    /// </summary>
    public static string? Itself(string includingFile, string resolved, string reference) =>
        File.Exists(resolved) && File.Exists(includingFile) && Path.GetFullPath(resolved) == Path.GetFullPath(includingFile)
            ? $"'{reference}' is the file it is written in; name another file"
            : null;

    /// <summary>Like <see cref="Find"/>, but a missing file gives the path beside the including file, for a loader that reports its own error.</summary>
    public static string Resolve(string includingFile, string reference) =>
        Find(includingFile, reference, out _) ?? (Path.IsPathRooted(reference) ? reference : Path.Combine(Path.GetDirectoryName(includingFile) ?? "", reference));
}
