using AccelSim.Numerics;

namespace AccelSim.Hardware;

/// <summary>
/// How a PE accumulates, stated so the independent reference GEMM can be run with the same semantics:
/// the accumulator type and, for rounded accumulators, the length of the chunks K is summed in.
/// </summary>
public readonly record struct NumericContract(Accumulator Accumulator, int ReductionChunk)
{
    public GemmResult Reference(QuantizedTensor a, QuantizedTensor w) => ReferenceGemm.Compute(a, w, Accumulator, ReductionChunk);
}
