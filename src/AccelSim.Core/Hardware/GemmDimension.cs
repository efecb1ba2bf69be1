namespace AccelSim.Hardware;

/// <summary>One of a GEMM's three loops: C[M×N] += A[M×K]·W[K×N].</summary>
public enum GemmDimension
{
    M,
    N,
    K,
}
