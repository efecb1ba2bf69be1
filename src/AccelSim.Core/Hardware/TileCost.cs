using AccelSim.Cost;

namespace AccelSim.Hardware;

/// <summary>
/// What one tile costs a PE array, in closed form: cycles of its own clock (of which <see cref="FillDrainCycles"/>
/// are pipeline fill, preload and drain), array passes (folds), MACs, buffer traffic, and the activities inside the
/// array (multiplies, adds, register writes) that the technology table prices. Buffer accesses are priced from
/// <see cref="Traffic"/> by whoever knows which buffer holds which operand.
/// <see cref="HeadCycles"/> and <see cref="TailCycles"/> are the part of a fold's fill-drain paid before its stream
/// starts (preload, skew fill) and after it ends (drain): a one-fold tile whose stream goes on from the tile before, or
/// into the tile after, does not pay them again (<see cref="Streamed"/>). <see cref="DequantizerCycles"/>: the cycles
/// the tile's group or weight dequantizers need, for kinds that have them; where they exceed the MAC stream, the
/// dequantizers bound the tile.
/// </summary>
public sealed record TileCost(long Cycles, long FillDrainCycles, long Folds, long Macs, OperandTraffic Traffic, ActivityCounts Activities,
    long HeadCycles = 0, long TailCycles = 0, long DequantizerCycles = 0)
{
    /// <summary>
    /// This tile's cost as one piece of a longer stream through the same fold: without the head when the stream comes
    /// from the tile before, without the tail when it goes on in the tile after. A tile of several folds changes fold
    /// inside itself, so it pays every fold's overhead whatever its neighbours.
    /// </summary>
    public TileCost Streamed(bool fromPrevious, bool intoNext)
    {
        long saved = Folds != 1 ? 0 : (fromPrevious ? HeadCycles : 0) + (intoNext ? TailCycles : 0);
        return saved == 0 ? this : this with { Cycles = Cycles - saved, FillDrainCycles = FillDrainCycles - saved };
    }
}
