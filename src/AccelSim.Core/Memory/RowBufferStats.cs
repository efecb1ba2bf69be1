namespace AccelSim.Memory;

/// <summary>
/// How bursts found their bank's row buffer: a hit (the row was open), a miss (the bank was closed) or a conflict
/// (another row was open and had to be precharged); every miss and conflict is one row activation.
/// </summary>
public sealed record RowBufferStats(long Hits, long Misses, long Conflicts, long Refreshes)
{
    public long Activations => Misses + Conflicts;

    public long Bursts => Hits + Misses + Conflicts;
}
