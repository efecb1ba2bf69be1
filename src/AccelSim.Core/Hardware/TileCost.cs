namespace AccelSim.Hardware;

/// <summary>
/// What one tile costs a PE array, in closed form: cycles of its own clock (of which <see cref="FillDrainCycles"/>
/// are pipeline fill, preload and drain), array passes (folds), MACs and buffer traffic.
/// </summary>
public sealed record TileCost(long Cycles, long FillDrainCycles, long Folds, long Macs, OperandTraffic Traffic);
