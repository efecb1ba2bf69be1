namespace AccelSim.Hardware;

/// <summary>
/// The tile sizes a PE array works in: a tile's M, N and K should be multiples of these (edge tiles excepted) so
/// that tiles line up with the array's passes and no pass is split between tiles. <see cref="Streamed"/> is the
/// dimension a pass (a fold) streams through the array in time; the other two are the fold's stationary block, and
/// a tile no larger than one block in them is one fold, whose stream may go on in the next tile.
/// </summary>
public readonly record struct TileGranule(int M, int N, int K, GemmDimension Streamed = GemmDimension.K)
{
    /// <summary>Whether a tile of these sizes is at most one fold: within one block in both stationary dimensions.</summary>
    public bool IsOneFold(int m, int n, int k) => Streamed switch
    {
        GemmDimension.M => n <= N && k <= K,
        GemmDimension.N => m <= M && k <= K,
        _ => m <= M && n <= N,
    };
}
