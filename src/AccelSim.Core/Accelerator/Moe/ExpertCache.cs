namespace AccelSim.Accelerator.Moe;

/// <summary>
/// Experts held in device memory, up to a capacity in bytes, evicted by a rule. It keeps every copy's use record
/// for the whole sequence (frequency counts survive eviction, as a sequence-level cache needs). Copies the caller
/// pins (the experts the running layer still needs) are never evicted.
/// </summary>
public sealed class ExpertCache(long capacityBytes, EvictionRule rule)
{
    private readonly Dictionary<ExpertKey, long> held = [];
    private readonly Dictionary<ExpertKey, ExpertUse> uses = [];
    private long tick;

    public long CapacityBytes { get; } = capacityBytes;

    public long UsedBytes { get; private set; }

    public EvictionRule Rule { get; } = rule;

    public int Count => held.Count;

    public bool Contains(ExpertKey key) => held.ContainsKey(key);

    /// <summary>Records a use of <paramref name="key"/> (cached or streamed through) at the next tick.</summary>
    public void Use(ExpertKey key)
    {
        ExpertUse use = Record(key);
        use.LastUse = ++tick;
        use.Uses++;
        if (key.Precision == ExpertPrecision.High)
        {
            use.HighUses++;
        }
    }

    /// <summary>
    /// Makes room for <paramref name="key"/> of <paramref name="bytes"/> and holds it; returns the evicted copies, or
    /// null (and holds nothing) when it cannot fit even after evicting every unpinned copy.
    /// </summary>
    public IReadOnlyList<ExpertKey>? Insert(ExpertKey key, long bytes, int layer, int layers, IReadOnlySet<ExpertKey> pinned)
    {
        ArgumentNullException.ThrowIfNull(pinned);
        if (held.ContainsKey(key))
        {
            return [];
        }

        long free = CapacityBytes - UsedBytes;
        long evictable = held.Where(h => !pinned.Contains(h.Key)).Sum(h => h.Value);
        if (bytes > free + evictable)
        {
            return null;
        }

        var evicted = new List<ExpertKey>();
        while (CapacityBytes - UsedBytes < bytes)
        {
            ExpertUse[] candidates = [.. held.Keys.Where(k => !pinned.Contains(k)).Select(Record)];
            var context = new EvictionContext(tick, layer, layers, candidates.Max(c => c.Uses), candidates.Max(c => c.HighUses));
            ExpertUse victim = candidates
                .OrderBy(c => Rule.Priority(c, context))
                .ThenBy(c => c.LastUse)
                .ThenBy(c => c.Key.Layer).ThenBy(c => c.Key.Expert).ThenBy(c => c.Key.Precision)
                .First();
            UsedBytes -= held[victim.Key];
            held.Remove(victim.Key);
            evicted.Add(victim.Key);
        }

        held[key] = bytes;
        UsedBytes += bytes;
        Record(key);
        return evicted;
    }

    private ExpertUse Record(ExpertKey key)
    {
        if (!uses.TryGetValue(key, out ExpertUse? use))
        {
            uses[key] = use = new ExpertUse(key);
        }

        return use;
    }
}
