using AccelSim.Accelerator.Moe;

namespace AccelSim.Tests.Accelerator.Moe;

public class ExpertCacheTests
{
    private static readonly IReadOnlySet<ExpertKey> None = new HashSet<ExpertKey>();

    private static ExpertKey Key(int layer, int expert, ExpertPrecision precision = ExpertPrecision.High) => new(layer, expert, precision);

    /// <summary>
    /// Runs a stream of uses through the cache (insert on a miss, then use) and returns which were hits.
    /// </summary>
    private static List<bool> Run(ExpertCache cache, IEnumerable<ExpertKey> stream, int layers)
    {
        var hits = new List<bool>();
        foreach (ExpertKey key in stream)
        {
            bool hit = cache.Contains(key);
            hits.Add(hit);
            if (!hit)
            {
                Assert.NotNull(cache.Insert(key, 1, key.Layer, layers, None));
            }

            cache.Use(key);
        }

        return hits;
    }

    private static List<ExpertKey> RandomStream(int seed, int length, int layers, int experts)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => Key(random.Next(layers), random.Next(experts)))];
    }

    /// <summary>A textbook LRU over a list, most recent last: the independent reference.</summary>
    private static List<bool> ReferenceLru(IEnumerable<ExpertKey> stream, int capacity)
    {
        var order = new List<ExpertKey>();
        var hits = new List<bool>();
        foreach (ExpertKey key in stream)
        {
            bool hit = order.Remove(key);
            hits.Add(hit);
            if (!hit && order.Count == capacity)
            {
                order.RemoveAt(0);
            }

            order.Add(key);
        }

        return hits;
    }

    /// <summary>A textbook LFU with sequence-long counts, ties to the least recently used.</summary>
    private static List<bool> ReferenceLfu(IEnumerable<ExpertKey> stream, int capacity)
    {
        var cached = new List<ExpertKey>();
        var counts = new Dictionary<ExpertKey, int>();
        var last = new Dictionary<ExpertKey, int>();
        var hits = new List<bool>();
        int time = 0;
        foreach (ExpertKey key in stream)
        {
            bool hit = cached.Contains(key);
            hits.Add(hit);
            if (!hit)
            {
                if (cached.Count == capacity)
                {
                    cached.Remove(cached.OrderBy(k => counts[k]).ThenBy(k => last[k]).First());
                }

                cached.Add(key);
            }

            counts[key] = counts.GetValueOrDefault(key) + 1;
            last[key] = ++time;
        }

        return hits;
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 7)]
    [InlineData(3, 16)]
    public void Lru_MatchesAListBasedLru(int seed, int capacity)
    {
        List<ExpertKey> stream = RandomStream(seed, 3_000, 4, 8);
        Assert.Equal(ReferenceLru(stream, capacity), Run(new ExpertCache(capacity, new LruRule()), stream, 4));
    }

    [Theory]
    [InlineData(4, 4)]
    [InlineData(5, 9)]
    public void Lfu_MatchesACountingLfu(int seed, int capacity)
    {
        List<ExpertKey> stream = RandomStream(seed, 3_000, 4, 8);
        Assert.Equal(ReferenceLfu(stream, capacity), Run(new ExpertCache(capacity, new LfuRule()), stream, 4));
    }

    [Fact]
    public void Hobbit_WithOneWeight_IsThatRule()
    {
        List<ExpertKey> stream = RandomStream(6, 3_000, 4, 8);
        Assert.Equal(ReferenceLru(stream, 6), Run(new ExpertCache(6, new HobbitRule(1, 0, 0, 0)), stream, 4));
        Assert.Equal(ReferenceLfu(stream, 6), Run(new ExpertCache(6, new HobbitRule(0, 1, 0, 0)), stream, 4));
    }

    [Fact]
    public void Hobbit_LayerDistance_EvictsTheLayerJustFinished_AndHighUseKeepsHighCopies()
    {
        var cache = new ExpertCache(3, new HobbitRule(0, 0, 0, 1));
        foreach (int layer in new[] { 0, 1, 2 })
        {
            cache.Insert(Key(layer, 0), 1, layer, 4, None);
            cache.Use(Key(layer, 0));
        }

        // Running layer 3: layer 2 is the farthest ahead in the cycle (it comes back last), so it leaves.
        Assert.Equal([Key(2, 0)], cache.Insert(Key(3, 0), 1, 3, 4, None));

        var precision = new ExpertCache(2, new HobbitRule(0, 0, 1, 0));
        precision.Insert(Key(0, 0), 1, 0, 4, None);
        precision.Use(Key(0, 0));
        precision.Insert(Key(0, 1, ExpertPrecision.Low), 1, 0, 4, None);
        precision.Use(Key(0, 1, ExpertPrecision.Low));
        Assert.Equal([Key(0, 1, ExpertPrecision.Low)], precision.Insert(Key(0, 2), 1, 0, 4, None));
    }

    [Fact]
    public void PinnedCopiesStay_AndWhatCannotFitIsRefused()
    {
        var cache = new ExpertCache(10, new LruRule());
        Assert.Empty(cache.Insert(Key(0, 0), 6, 0, 2, None)!);
        var pinned = new HashSet<ExpertKey> { Key(0, 0) };
        Assert.Null(cache.Insert(Key(0, 1), 6, 0, 2, pinned));
        Assert.Equal(6, cache.UsedBytes);
        Assert.Equal([Key(0, 0)], cache.Insert(Key(0, 1), 6, 0, 2, None));
        Assert.Null(cache.Insert(Key(0, 2), 11, 0, 2, None));
    }
}
