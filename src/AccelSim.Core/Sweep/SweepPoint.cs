namespace AccelSim.Sweep;

/// <summary>
/// One design point: its index in the sweep's full expansion (stable across resumes and shards), the design and
/// workload files, and each axis's value in the spec's axis order.
/// </summary>
public sealed record SweepPoint(int Index, SweepFile Design, SweepFile Workload, IReadOnlyList<AxisValue> Values)
{
    /// <summary>The settings as text, the same for the same point of the same spec: what resume and merge check.</summary>
    public string Key(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return string.Join("|", new[] { $"design={Design.Written}", $"workload={Workload.Written}" }
            .Concat(spec.Axes.Select((a, i) => $"{a.Name}={Values[i].Text}")));
    }
}
