namespace AccelSim.Accelerator;

/// <summary>How much of each GEMM is executed for real and compared with the reference.</summary>
public enum FunctionalMode
{
    /// <summary>Timing only.</summary>
    Off,

    /// <summary>One seeded block of outputs per GEMM, at most <see cref="FunctionalCheck.SampleMacs"/> MACs.</summary>
    Sample,

    /// <summary>Every output of every GEMM (slow for large models).</summary>
    Full,
}
