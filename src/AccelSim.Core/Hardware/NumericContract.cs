using AccelSim.Numerics;

namespace AccelSim.Hardware;

/// <summary>
/// How a PE accumulates, stated so the independent reference GEMM can be run with the same semantics:
/// the accumulator type, for rounded accumulators the length of the chunks K is summed in, and, for a PE that
/// converts its weights before multiplying (dequantize-then-MAC), the format every weight value is rounded to first.
/// </summary>
public readonly record struct NumericContract(Accumulator Accumulator, int ReductionChunk, NumericFormat? WeightCast = null)
{
    public GemmResult Reference(QuantizedTensor a, QuantizedTensor w)
    {
        ArgumentNullException.ThrowIfNull(w);
        QuantizedTensor weights = WeightCast is null ? w : WeightCast.Quantize(w.Dequantize(), w.Vectors, w.Length);
        return ReferenceGemm.Compute(a, weights, Accumulator, ReductionChunk);
    }
}
