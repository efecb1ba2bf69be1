using System.Globalization;
using AccelSim.Workloads.Moe;

namespace AccelSim.Accelerator.Moe;

/// <summary>Every expert resident in high precision: what the device would do with memory to spare (the upper bound).</summary>
public sealed class AllResidentPolicy : OffloadPolicy
{
    public override string Name => "all-resident";

    public override string Description => "every expert held in high precision";

    public override bool HoldsEverything => true;

    public override EvictionRule Eviction { get; } = new LruRule();
}

/// <summary>
/// Load a missed expert in high precision when the router picks it, each layer keeping its most recently used
/// experts in an equal share of the memory, as mixtral-offloading's per-layer LRU caches do (Eliseev and Mazur 2023).
/// One LRU over all layers would hit nothing once the memory holds fewer experts than a token visits: decoding walks
/// the layers in a cycle, and LRU evicts exactly the expert the next token needs first.
/// </summary>
public sealed class OnDemandLruPolicy : OffloadPolicy
{
    public override string Name => "on-demand-lru";

    public override string Description => "high precision on a miss, an LRU cache per layer";

    public override bool PerLayerCache => true;

    public override EvictionRule Eviction { get; } = new LruRule();
}

/// <summary>Load a missed expert in high precision, evicting the least frequently used so far.</summary>
public sealed class LfuPolicy : OffloadPolicy
{
    public override string Name => "lfu";

    public override string Description => "high precision on a miss, LFU eviction";

    public override EvictionRule Eviction { get; } = new LfuRule();
}

/// <summary>
/// HOBBIT (Tang et al., arXiv 2411.01433): token-level dynamic loading (<see cref="DynamicLoading"/> with thresholds
/// <paramref name="high"/> and <paramref name="low"/>), layer-level prefetching of the next layers' predicted experts
/// in low precision (a prediction d layers ahead is right with probability <paramref name="accuracy"/>[d − 1], and the
/// list's length is how far ahead it looks; HOBBIT reports about 96 % for the next layer's top expert on Mixtral and
/// about 90 % two to three layers ahead; [0.9] the default; null turns prefetching off, for ablations), and a
/// sequence-level cache with separate high- and low-precision pools (<paramref name="lowShare"/> of the memory for
/// low) evicting by <see cref="HobbitRule"/>.
/// </summary>
public sealed class HobbitPolicy(double high, double low, IReadOnlyList<double>? accuracy, double lowShare, HobbitRule rule) : OffloadPolicy
{
    public override string Name => "hobbit";

    public override string Description => FormattableString.Invariant(
        $"T1 {high}, T2 {low}, {Prefetching}, low-precision pool {lowShare:P0} of expert memory");

    public override int PrefetchLayers => accuracy?.Count ?? 0;

    private string Prefetching => accuracy switch
    {
        null => "no prefetching",
        [double one] => FormattableString.Invariant($"prefetch accuracy {one}"),
        _ => FormattableString.Invariant($"prefetch accuracy {string.Join(", ", accuracy.Select(a => a.ToString(CultureInfo.InvariantCulture)))} for 1-{accuracy.Count} layers ahead"),
    };

    public override EvictionRule Eviction => rule;

    public override double LowPoolShare => lowShare;

    public override ExpertPrecision[] Precisions(IReadOnlyList<ExpertChoice> choices) => DynamicLoading.Decide(choices, high, low);

    /// <summary>
    /// The low-precision copies <paramref name="layer"/> will want: the predictor (HOBBIT stacks the next layers' gates on the
    /// current hidden state, so it predicts gate weights too) sees each token's choices there, the ones dynamic
    /// loading will run in low precision are prefetched, each the right expert with probability <c>accuracy</c>,
    /// else another. High-precision choices are left to demand loading: a mispredicted high copy costs four times a
    /// low one, which is why HOBBIT prefetches low.
    /// </summary>
    public override IReadOnlyList<ExpertKey> Prefetch(int layer, int ahead, IReadOnlyList<IReadOnlyList<ExpertChoice>> truth, int experts, Random random)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(random);
        var keys = new List<ExpertKey>();
        if (accuracy is null || ahead < 1 || ahead > accuracy.Count)
        {
            return keys;
        }

        double right = accuracy[ahead - 1];

        foreach (IReadOnlyList<ExpertChoice> choices in truth)
        {
            ExpertPrecision[] decided = Precisions(choices);
            for (int i = 0; i < choices.Count; i++)
            {
                if (decided[i] != ExpertPrecision.Low)
                {
                    continue;
                }

                int expert = choices[i].Expert;
                if (experts > 1 && random.NextDouble() >= right)
                {
                    expert = (expert + 1 + random.Next(experts - 1)) % experts;
                }

                var key = new ExpertKey(layer, expert, ExpertPrecision.Low);
                if (!keys.Contains(key))
                {
                    keys.Add(key);
                }
            }
        }

        return keys;
    }
}
