namespace AccelSim.Accelerator;

/// <summary>
/// What a run does besides timing: functional checking, the seed of its synthetic operands, a timeline, and whom to
/// tell how far it has got (done, of total: operations, or layers of a composed decode), for a progress bar.
/// </summary>
public sealed record RunOptions(FunctionalMode Functional = FunctionalMode.Sample, int Seed = 1, bool RecordTimeline = false, Action<long, long>? Progress = null)
{
    /// <summary>
    /// Whether a stretch of operations that exactly repeats an earlier one is accounted for from it instead of being
    /// simulated again (<see cref="RepeatedStretches"/>); off only to hold that shortcut to the full simulation.
    /// </summary>
    internal bool RepeatStretches { get; init; } = true;
}
