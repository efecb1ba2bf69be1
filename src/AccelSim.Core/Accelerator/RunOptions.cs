namespace AccelSim.Accelerator;

/// <summary>What a run does besides timing: functional checking, the seed of its synthetic operands, a timeline.</summary>
public sealed record RunOptions(FunctionalMode Functional = FunctionalMode.Sample, int Seed = 1, bool RecordTimeline = false);
