using AccelSim.Config.Yaml;

namespace AccelSim.Sweep;

/// <summary>A metric the Pareto front trades, and whether more of it is better.</summary>
public sealed record SweepObjective(string Metric, bool Maximize, SourceLocation At)
{
    public override string ToString() => $"{(Maximize ? "maximize" : "minimize")} {Metric}";
}
