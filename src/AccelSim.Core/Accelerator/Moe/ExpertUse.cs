namespace AccelSim.Accelerator.Moe;

/// <summary>
/// What the cache remembers of an expert copy over the whole sequence, cached or not: when it was last used (a
/// logical tick), how often, and how often in high precision. Eviction rules rank by these.
/// </summary>
public sealed class ExpertUse(ExpertKey key)
{
    public ExpertKey Key { get; } = key;

    public long LastUse { get; internal set; }

    public long Uses { get; internal set; }

    public long HighUses { get; internal set; }
}
