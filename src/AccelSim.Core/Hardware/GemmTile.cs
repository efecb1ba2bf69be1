using AccelSim.Numerics;

namespace AccelSim.Hardware;

/// <summary>A block of a GEMM, C[M×N] += A[M×K]·W[K×N], at the formats its operands are stored in.</summary>
public readonly record struct GemmTile(int M, int N, int K, NumericFormat Activation, NumericFormat Weight)
{
    public long Macs => (long)M * N * K;
}
