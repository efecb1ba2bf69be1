using AccelSim.Config.Yaml;

namespace AccelSim.Sweep;

/// <summary>One value an axis takes: YAML text as <c>--set</c> would take it, and where the sweep file gives it.</summary>
public sealed record AxisValue(string Text, SourceLocation At);
