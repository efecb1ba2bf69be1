using AccelSim.Cost;

namespace AccelSim.Hardware;

/// <summary>
/// What one tile costs a PE array, in closed form: cycles of its own clock (of which <see cref="FillDrainCycles"/>
/// are pipeline fill, preload and drain), array passes (folds), MACs, buffer traffic, and the activities inside the
/// array (multiplies, adds, register writes) that the technology table prices. Buffer accesses are priced from
/// <see cref="Traffic"/> by whoever knows which buffer holds which operand.
/// </summary>
public sealed record TileCost(long Cycles, long FillDrainCycles, long Folds, long Macs, OperandTraffic Traffic, ActivityCounts Activities);
