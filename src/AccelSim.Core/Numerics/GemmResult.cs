namespace AccelSim.Numerics;

/// <summary>
/// The M×N output of a GEMM, row-major, under the accumulator it was computed with, plus how many INT32 partial
/// sums overflowed (always 0 for the other accumulators).
/// </summary>
public sealed record GemmResult(int M, int N, double[] Values, Accumulator Accumulator, long Overflows)
{
    public double this[int m, int n] => Values[(m * N) + n];
}
