using AccelSim.Config.Yaml;

namespace AccelSim.Workloads;

/// <summary>A unit of work in a workload: runs <see cref="Repeat"/> times, after every operation it depends on.</summary>
public abstract record Operation(string Name, int Repeat, IReadOnlyList<string> DependsOn, SourceLocation Location);
