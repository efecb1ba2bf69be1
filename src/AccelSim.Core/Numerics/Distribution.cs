namespace AccelSim.Numerics;

/// <summary>Shapes of synthetic tensors.</summary>
public enum Distribution
{
    /// <summary>Standard normal.</summary>
    Gaussian,

    /// <summary>Laplace with scale 1/√2 (unit variance): heavier tails, like trained weights.</summary>
    Laplace,

    /// <summary>Student-t with 3 degrees of freedom: heavy tails with occasional large values.</summary>
    StudentT,

    /// <summary>Standard normal with a few channels (columns) scaled up, as LLM activations have.</summary>
    OutlierChannels,
}
