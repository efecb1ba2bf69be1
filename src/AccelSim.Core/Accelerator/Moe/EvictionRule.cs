namespace AccelSim.Accelerator.Moe;

/// <summary>
/// Which cached expert leaves first: the one with the lowest <see cref="Priority"/>, ties going to the one used
/// longest ago and then to the lowest layer, expert and precision, so eviction is deterministic.
/// </summary>
public abstract class EvictionRule
{
    public abstract string Name { get; }

    /// <summary>Higher stays longer. <paramref name="context"/> holds what the scores are normalized by.</summary>
    public abstract double Priority(ExpertUse use, EvictionContext context);
}

/// <summary>The moment of an eviction: the tick, the layer being run, the model's layers, and the largest use counts among the candidates.</summary>
public readonly record struct EvictionContext(long Tick, int Layer, int Layers, long MostUses, long MostHighUses);

/// <summary>Least recently used leaves first (the mixtral-offloading baseline).</summary>
public sealed class LruRule : EvictionRule
{
    public override string Name => "lru";

    public override double Priority(ExpertUse use, EvictionContext context) => use.LastUse;
}

/// <summary>Least frequently used over the sequence leaves first; among equals, the least recently used.</summary>
public sealed class LfuRule : EvictionRule
{
    public override string Name => "lfu";

    public override double Priority(ExpertUse use, EvictionContext context) => use.Uses;
}

/// <summary>
/// HOBBIT's sequence-level cache priority (arXiv 2411.01433, via costs.md §2.9): a weighted sum of recency (last use
/// over the current tick), frequency and high-precision frequency (each over the largest among the candidates),
/// and forward layer distance (1 for the layer running now, falling to 1/layers for the one just finished, since
/// decoding walks the layers in a cycle). The weights are parameters; the paper's are not in our references.
/// </summary>
public sealed class HobbitRule(double recency, double frequency, double highFrequency, double layerDistance) : EvictionRule
{
    public override string Name => "hobbit";

    public override double Priority(ExpertUse use, EvictionContext context)
    {
        ArgumentNullException.ThrowIfNull(use);
        double lru = context.Tick == 0 ? 0 : use.LastUse / (double)context.Tick;
        double lfu = context.MostUses == 0 ? 0 : use.Uses / (double)context.MostUses;
        double lhu = context.MostHighUses == 0 ? 0 : use.HighUses / (double)context.MostHighUses;
        int ahead = ((use.Key.Layer - context.Layer) % context.Layers + context.Layers) % context.Layers;
        double fld = 1 - (ahead / (double)context.Layers);
        return (recency * lru) + (frequency * lfu) + (highFrequency * lhu) + (layerDistance * fld);
    }
}
