using AccelSim.Config.Yaml;

namespace AccelSim.Sweep;

/// <summary>
/// A design or workload file a sweep runs: its path (resolved against the sweep file), as written, where it was
/// named, and settings every point on it gets (<c>{file: ..., set: {workload.formats.activations: fp16}}</c>, so a
/// design that takes FP16 activations can run beside INT8 ones).
/// </summary>
public sealed record SweepFile(string Path, string Written, SourceLocation At, IReadOnlyList<SweepAxis> Set)
{
    public SweepFile(string path, string written, SourceLocation at)
        : this(path, written, at, [])
    {
    }
}
