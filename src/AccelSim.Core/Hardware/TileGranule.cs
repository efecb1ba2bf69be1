namespace AccelSim.Hardware;

/// <summary>
/// The tile sizes a PE array works in: a tile's M, N and K should be multiples of these (edge tiles excepted) so
/// that tiles line up with the array's passes and no pass is split between tiles.
/// </summary>
public readonly record struct TileGranule(int M, int N, int K);
