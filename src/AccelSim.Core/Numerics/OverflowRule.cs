namespace AccelSim.Numerics;

/// <summary>What encoding does with a finite value whose rounded magnitude exceeds the largest finite value.</summary>
public enum OverflowRule
{
    /// <summary>Clamp to ±max finite.</summary>
    Saturate,

    /// <summary>
    /// IEEE 754 behaviour: ±infinity where the format has infinities, otherwise NaN (OCP FP8 E4M3 non-saturating
    /// mode). Round toward zero never overflows to infinity: it stops at max finite, as IEEE 754 specifies.
    /// </summary>
    NonSaturating,
}
