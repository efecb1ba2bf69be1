using AccelSim.Hardware;

namespace AccelSim.Accelerator;

/// <summary>
/// How a GEMM is cut into tiles and run: the spatial mapping of the array (<see cref="Array"/>, one of the unit's
/// <see cref="IPeModel.Mappings"/>); tile sizes; the loop order; whether a fold streams on from one tile into the next
/// (its streamed dimension innermost and each tile one fold); whether partial sums in flight overflow the output
/// buffer and spill to DRAM; how many tiles of each operand a core's buffer keeps (a tile still there when needed
/// again is not fetched again); and the DRAM traffic and compute cycles the mapper estimated for it.
/// </summary>
public sealed record TileChoice(
    int TileM,
    int TileN,
    int TileK,
    LoopOrder Order,
    bool StreamsFolds,
    bool SpillsPartials,
    long ResidentActivationTiles,
    long ResidentWeightTiles,
    long DramBits,
    long ComputeCycles,
    IPeModel Array);
