using AccelSim.Accelerator;
using AccelSim.Config.Yaml;

namespace AccelSim.Sweep;

/// <summary>
/// A design-space sweep as read from <c>arch-configs/sweeps/*.yaml</c>: the designs and workloads it starts from,
/// the settings it fixes for every point (<see cref="Fixed"/>, each an axis of one value that is not a results
/// column), the axes it varies and how they combine, constraints that drop points (before a run when they name only axes,
/// after it when they name metrics) and the objectives of the Pareto front. <see cref="Fingerprint"/> identifies the
/// spec and every file it names, so a resumed or merged sweep is known to be the same sweep.
/// </summary>
public sealed record SweepSpec(
    string Name,
    string File,
    IReadOnlyList<SweepFile> Designs,
    IReadOnlyList<SweepFile> Workloads,
    IReadOnlyList<SweepAxis> Fixed,
    IReadOnlyList<SweepAxis> Axes,
    SweepCombination Combination,
    int Samples,
    int Seed,
    FunctionalMode Functional,
    IReadOnlyList<SweepConstraint> Constraints,
    IReadOnlyList<SweepObjective> Objectives,
    string Fingerprint)
{
    /// <summary>What a point sets: the fixed settings, its design's and workload's own, then each axis at the point's value.</summary>
    public IEnumerable<(SweepAxis Axis, AxisValue Value)> Settings(SweepPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return Fixed.Concat(point.Design.Set).Concat(point.Workload.Set).Select(f => (f, f.Values[0])).Concat(Axes.Select((a, i) => (a, point.Values[i])));
    }
}
