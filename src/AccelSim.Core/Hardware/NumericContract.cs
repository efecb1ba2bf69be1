using AccelSim.Numerics;

namespace AccelSim.Hardware;

/// <summary>
/// How a PE accumulates, stated so the independent reference GEMM can be run with the same semantics:
/// the accumulator type, for rounded accumulators the length of the chunks K is summed in, and, for a PE that
/// converts its weights before multiplying (dequantize-then-MAC), the element format every weight value is rounded
/// to first.
/// </summary>
/// <remarks>
/// Per-tensor INT8-or-narrower GEMMs with an INT32 accumulator and a K at which no partial sum can overflow go to the
/// fast integer kernels (<see cref="IntegerGemm"/>): with no overflow possible, wrapping or not, the exact sum
/// scaled once is the same number, and the kernels are held to <see cref="ReferenceGemm"/> by their own tests. The PE
/// datapaths never use those kernels, so the check stays independent of the PE under test.
/// </remarks>
public readonly record struct NumericContract(Accumulator Accumulator, int ReductionChunk, IElementFormat? WeightCast = null)
{
    public GemmResult Reference(QuantizedTensor a, QuantizedTensor w) =>
        Accumulator is Accumulator.Int32 or Accumulator.Int32Wrapping && WeightCast is null && IntegerGemm.Takes(a, w)
            ? IntegerGemm.Multiply(a, w) with { Accumulator = Accumulator }
            : ReferenceGemm.Compute(a, w, Accumulator, ReductionChunk, WeightCast);
}
