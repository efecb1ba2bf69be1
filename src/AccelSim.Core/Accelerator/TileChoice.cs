namespace AccelSim.Accelerator;

/// <summary>
/// How a GEMM is cut into tiles: tile sizes, whether the M loop is outside the N loop (K is always innermost, so an
/// output tile stays in its buffer until it is complete), and the DRAM traffic and compute cycles that implies.
/// </summary>
public sealed record TileChoice(int TileM, int TileN, int TileK, bool MOuter, long DramReadBits, long ComputeCycles);
