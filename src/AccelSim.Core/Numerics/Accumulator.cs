namespace AccelSim.Numerics;

/// <summary>The accumulator a GEMM declares, which fixes how partial sums are kept and rounded.</summary>
public enum Accumulator
{
    /// <summary>Every product and sum exact; each output rounded once, to nearest-even, when stored as a double.</summary>
    Exact,

    /// <summary>
    /// Integer element values multiplied and summed in a 32-bit register within each scale segment (a run of K over
    /// which both operands' scales are constant), k ascending; a partial sum leaving the INT32 range is counted as
    /// an overflow. Segment sums are then scaled and combined exactly. Both element formats must be integers.
    /// </summary>
    Int32,

    /// <summary>As <see cref="Int32"/>, but the register wraps (two's complement) and overflow is not reported.</summary>
    Int32Wrapping,

    /// <summary>acc ← fp32(acc + a_k·w_k) for k ascending from +0: one rounding per step (fused multiply-add).</summary>
    Fp32,

    /// <summary>
    /// Dequantize once per group, as shift-add PEs (MixPE) do: integer element values summed in a 32-bit register
    /// within each scale segment (overflow counted), the segment sum times both scales rounded once to FP32, and the
    /// segments added in FP32 in K order from +0, one rounding each. Both element formats must be integers.
    /// </summary>
    Int32GroupsFp32,

    /// <summary>acc ← fp16(acc + a_k·w_k) for k ascending from +0: one rounding per step (fused multiply-add).</summary>
    Fp16,

    /// <summary>
    /// Dequantize once per group with exact group sums, as the per-group PEs do with floating-point activations held
    /// in fixed point: within each scale segment Σ a_k·w_k is exact, the segment sum times both scales is rounded
    /// once to FP32, and the segments are added in FP32 in K order from +0, one rounding each. Any non-finite
    /// operand or scale gives NaN (a fixed-point datapath has no infinities).
    /// </summary>
    ExactGroupsFp32,

    /// <summary>
    /// An adder tree per column access, as in-bank PIM units do: K in chunks of the reduction chunk (the elements one
    /// access delivers), each chunk's Σ a_k·w_k of dequantized values exact and rounded once to FP32, the chunk sums
    /// added into an FP32 latch in K order from +0, one rounding each. Any non-finite operand gives NaN.
    /// </summary>
    ExactChunksFp32,
}
