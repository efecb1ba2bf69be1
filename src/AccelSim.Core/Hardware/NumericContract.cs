using AccelSim.Numerics;

namespace AccelSim.Hardware;

/// <summary>
/// How a PE accumulates, stated so the independent reference GEMM can be run with the same semantics:
/// the accumulator type, for rounded accumulators the length of the chunks K is summed in, and, for a PE that
/// converts its weights before multiplying (dequantize-then-MAC), the element format every weight value is rounded
/// to first.
/// </summary>
public readonly record struct NumericContract(Accumulator Accumulator, int ReductionChunk, IElementFormat? WeightCast = null)
{
    public GemmResult Reference(QuantizedTensor a, QuantizedTensor w) => ReferenceGemm.Compute(a, w, Accumulator, ReductionChunk, WeightCast);
}
