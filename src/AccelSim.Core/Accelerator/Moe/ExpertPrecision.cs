namespace AccelSim.Accelerator.Moe;

/// <summary>How an expert a token was routed to is run: from its high- or low-precision copy, or not at all.</summary>
public enum ExpertPrecision
{
    High,
    Low,
    Skip,
}
