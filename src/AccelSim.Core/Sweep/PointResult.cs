namespace AccelSim.Sweep;

/// <summary>
/// What one design point gave: its settings (design and workload files as written, each axis's value in spec order),
/// the design's name and PE kinds, a status (<see cref="Ok"/>, <see cref="Failed"/> with the errors that stopped it,
/// <see cref="Infeasible"/> with the constraint it broke), its metrics, and whether it is on the Pareto front.
/// </summary>
public sealed record PointResult(
    int Index,
    string Key,
    string DesignFile,
    string WorkloadFile,
    IReadOnlyList<string> Values,
    string Design,
    string PeKind,
    string Status,
    string Error,
    IReadOnlyDictionary<string, double?> Metrics,
    bool Pareto = false)
{
    public const string Ok = "ok";
    public const string Failed = "failed";
    public const string Infeasible = "infeasible";

    public double? Metric(string name) => Metrics.TryGetValue(name, out double? value) ? value : null;
}
