using AccelSim.Config.Yaml;
using AccelSim.Text;

namespace AccelSim.Cli.Commands;

/// <summary>What a file given on the command line is, told from its top-level keys.</summary>
internal enum InputKind
{
    Design,
    Workload,
    Sweep,
    MemoryPreset,
    HostLinkPreset,
    ModelShape,
    TechnologyTable,
    Unknown,
}

/// <summary>
/// Checks a file argument before it is loaded, so a common mistake reads as one line instead of a page of missing and
/// unknown keys: a directory, a missing file (with the closest name nearby), a workload given to <c>--arch</c> or a
/// design to <c>--workload</c>, and the files that are only ever included by another (presets, model shapes,
/// technology tables), which say which file includes them.
/// </summary>
internal static class InputFiles
{
    private static readonly string[] WorkloadKinds = ["gemm", "transformer", "batched-decode", "moe-decode"];

    /// <summary>What <paramref name="path"/> holds, by extension and top-level keys; Unknown when it cannot be read.</summary>
    public static InputKind Of(string path)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".cfg")
        {
            return InputKind.Design;
        }

        if (extension == ".csv")
        {
            return InputKind.Workload;
        }

        if (!File.Exists(path) || YamlSource.LoadFile(path, new Diagnostics()) is not ConfigMapping map)
        {
            return InputKind.Unknown;
        }

        bool Has(string key) => map[key] is not null;
        string? kind = (map["kind"] as ConfigScalar)?.Value;
        return kind is not null && WorkloadKinds.Contains(kind) ? InputKind.Workload
            : Has("objectives") || Has("axes") ? InputKind.Sweep
            : Has("compute") || Has("buffers") ? InputKind.Design
            : kind is "dram" or "hbm" or "ideal" ? InputKind.MemoryPreset
            : Has("layers") && Has("hidden") ? InputKind.ModelShape
            : Has("node") || Has("vdd") ? InputKind.TechnologyTable
            : Has("bandwidth") && Has("latency") ? InputKind.HostLinkPreset
            : InputKind.Unknown;
    }

    /// <summary>
    /// Null when <paramref name="path"/> can be loaded as one of <paramref name="expected"/>; otherwise the one line
    /// that says what is wrong (the loader's own errors follow for a file of the right kind with mistakes in it).
    /// </summary>
    public static string? Mistake(string path, string option, params InputKind[] expected)
    {
        if (Directory.Exists(path))
        {
            return $"'{path}' is a directory; give a file{(option.Length > 0 ? $" to {option}" : "")}";
        }

        if (!File.Exists(path))
        {
            string? close = CloseName(path);
            return $"no such file '{path}'" + (close is null ? "" : $"; did you mean '{close}'?");
        }

        InputKind kind = Of(path);
        if (kind == InputKind.Unknown || expected.Contains(kind))
        {
            return null;
        }

        return kind switch
        {
            InputKind.MemoryPreset => $"'{path}' is a memory preset, which a design includes (memory: {{preset: presets/{Path.GetFileName(path)}}}); give a design",
            InputKind.HostLinkPreset => $"'{path}' is a host link preset, which a design's offload block names (link: {{preset: presets/{Path.GetFileName(path)}}}); give a design",
            InputKind.ModelShape => $"'{path}' is a model shape, which a workload names (model: models/{Path.GetFileName(path)}); give a workload",
            InputKind.TechnologyTable => $"'{path}' is a technology table, which a design names by its node (technology: 28 nm) or its path; give a design",
            _ => $"'{path}' looks like a {Name(kind)}, not a {string.Join(" or ", expected.Select(Name))}" + (OptionFor(kind) is string right && right != option ? $"; did you mean {right}?" : ""),
        };
    }

    private static string Name(InputKind kind) => kind switch
    {
        InputKind.Design => "design",
        InputKind.Workload => "workload",
        InputKind.Sweep => "sweep spec",
        _ => "file",
    };

    private static string? OptionFor(InputKind kind) => kind switch
    {
        InputKind.Design => "--arch",
        InputKind.Workload => "--workload",
        InputKind.Sweep => "accelsim sweep",
        _ => null,
    };

    /// <summary>The closest existing file name in the directory the path names, or among the bundled files' names.</summary>
    private static string? CloseName(string path)
    {
        string directory = Path.GetDirectoryName(path) is { Length: > 0 } d ? d : ".";
        if (Directory.Exists(directory))
        {
            string[] here = [.. Directory.GetFiles(directory).Select(Path.GetFileName).OfType<string>()];
            if (Spelling.ClosestMatch(Path.GetFileName(path), here) is string file)
            {
                return Path.Combine(Path.GetDirectoryName(path) ?? "", file);
            }
        }

        string[] bundled = [.. BundledFiles.Designs.Concat(BundledFiles.Workloads).Concat(BundledFiles.Sweeps).Select(BundledFiles.NameOf)];
        return Spelling.ClosestMatch(Path.GetFileNameWithoutExtension(path), bundled);
    }
}
