using AccelSim.Cost;

namespace AccelSim.Accelerator;

/// <summary>What the mapping search minimises (a design's <c>mapping_objective</c>).</summary>
public enum MappingObjective
{
    Latency,
    Energy,
    Edp,
}

/// <summary>
/// What the mapper minimises, and how it prices a schedule when energy counts: the dynamic energy of the traffic and
/// array activities it estimates for the schedule (<see cref="DynamicJoules"/>, priced by the design's technology
/// table), plus the design's static power (leakage and DRAM background) over the schedule's time, since a slow
/// schedule leaks longer.
/// </summary>
public sealed record MappingGoal(MappingObjective Objective, Func<TrafficByOperand, ActivityCounts, double>? DynamicJoules = null, double StaticWatts = 0)
{
    public static MappingGoal Latency { get; } = new(MappingObjective.Latency);

    public static IReadOnlyDictionary<string, MappingObjective> ByName { get; } = new Dictionary<string, MappingObjective>
    {
        ["latency"] = MappingObjective.Latency,
        ["energy"] = MappingObjective.Energy,
        ["edp"] = MappingObjective.Edp,
    };

    /// <summary>Whether a schedule's energy is needed to score it.</summary>
    public bool NeedsEnergy => Objective != MappingObjective.Latency && DynamicJoules is not null;

    /// <summary>The score of a schedule that takes <paramref name="seconds"/> and spends <paramref name="dynamicJoules"/>: lower is better.</summary>
    public double Score(double seconds, double dynamicJoules)
    {
        if (!NeedsEnergy)
        {
            return seconds;
        }

        double joules = dynamicJoules + (StaticWatts * seconds);
        return Objective == MappingObjective.Energy ? joules : joules * seconds;
    }
}
