namespace AccelSim.Numerics;

/// <summary>How <see cref="IntegerGemm"/> multiplies: the instruction sets it vectorizes with, slowest first.</summary>
public enum IntegerKernel
{
    /// <summary>One product at a time.</summary>
    Scalar,

    /// <summary>vpmaddwd on 256 bits: 16 sign-extended products a step, summed in pairs.</summary>
    Avx2,

    /// <summary>vpmaddwd on 512 bits: 32 products a step.</summary>
    Avx512BW,

    /// <summary>vpdpbusd on 256 bits (AVX-VNNI): 32 byte products a step, summed in fours into the accumulator.</summary>
    Vnni,
}
