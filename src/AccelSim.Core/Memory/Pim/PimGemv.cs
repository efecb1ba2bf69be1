using AccelSim.Numerics;

namespace AccelSim.Memory.Pim;

/// <summary>
/// A GEMV batch run in one channel's banks: <see cref="Vectors"/> input vectors of <see cref="Length"/> elements,
/// each multiplied by a matrix of <see cref="Outputs"/> rows of <see cref="Length"/> stored in the banks.
/// Decode attention is two of them per KV head: QKᵀ (outputs: context tokens, length: head dim) and PV (outputs:
/// head dim, length: context tokens, V stored transposed).
/// </summary>
public readonly record struct PimGemv(int Vectors, int Outputs, int Length, NumericFormat Input, NumericFormat Matrix)
{
    public long Macs => (long)Vectors * Outputs * Length;
}
