using AccelSim.Config.Yaml;

namespace AccelSim.Sweep;

/// <summary>A design or workload file a sweep runs: its path (resolved against the sweep file), as written, and where it was named.</summary>
public sealed record SweepFile(string Path, string Written, SourceLocation At);
