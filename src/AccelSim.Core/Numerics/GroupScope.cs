namespace AccelSim.Numerics;

/// <summary>Which elements share a scale (and zero point) in group-wise quantization.</summary>
public enum GroupScope
{
    /// <summary>Runs of a fixed number of consecutive elements along the reduction axis.</summary>
    Group,

    /// <summary>One group per vector: per output channel for weights, per token for activations.</summary>
    Channel,

    /// <summary>One group for the whole tensor.</summary>
    Tensor,
}
