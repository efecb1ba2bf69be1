namespace AccelSim.Sweep;

/// <summary>A metric of a sweep point: its column name (snake_case with the unit as suffix), its axis label with the unit, and which way is better.</summary>
public sealed record MetricColumn(string Name, string Label, bool HigherIsBetter);
