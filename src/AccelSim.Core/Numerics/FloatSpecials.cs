namespace AccelSim.Numerics;

/// <summary>Which codes of a minifloat are reserved for infinities and NaN.</summary>
public enum FloatSpecials
{
    /// <summary>Every code is finite (OCP FP6 E2M3/E3M2 and FP4 E2M1).</summary>
    None,

    /// <summary>Only the all-ones exponent and mantissa pattern is NaN; no infinities (OCP FP8 E4M3, E8M0).</summary>
    NanAtAllOnes,

    /// <summary>All-ones exponent: mantissa 0 is ±infinity, anything else NaN (IEEE 754; OCP FP8 E5M2).</summary>
    Ieee,
}
