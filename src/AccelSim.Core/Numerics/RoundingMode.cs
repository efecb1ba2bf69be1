namespace AccelSim.Numerics;

/// <summary>How a value between two representable neighbours is resolved.</summary>
public enum RoundingMode
{
    /// <summary>Nearest representable value; ties go to the one whose last significand bit is zero (IEEE 754 default).</summary>
    NearestEven,

    /// <summary>Toward zero (truncation of the magnitude).</summary>
    TowardZero,

    /// <summary>Up or down with probability proportional to proximity, so the expected result equals the input.</summary>
    Stochastic,
}
