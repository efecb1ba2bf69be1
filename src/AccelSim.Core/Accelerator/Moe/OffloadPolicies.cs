using AccelSim.Config.Yaml;

namespace AccelSim.Accelerator.Moe;

/// <summary>The offload policies by YAML name, each reading its own parameters from the <c>offload:</c> section.</summary>
public static class OffloadPolicies
{
    public static IReadOnlyDictionary<string, Func<MappingReader, OffloadPolicy>> ByName { get; } = new Dictionary<string, Func<MappingReader, OffloadPolicy>>
    {
        ["all-resident"] = _ => new AllResidentPolicy(),
        ["on-demand-lru"] = _ => new OnDemandLruPolicy(),
        ["lfu"] = _ => new LfuPolicy(),
        ["hobbit"] = ReadHobbit,
    };

    /// <summary>HOBBIT's predictor stacks the gates of the next few layers; it reports accuracy up to three layers ahead.</summary>
    private const int MaxLookahead = 4;

    private static HobbitPolicy ReadHobbit(MappingReader reader)
    {
        double high = Fraction(reader, "high_threshold", DynamicLoading.DefaultHigh, "T1: cumulative gate weight up to which experts run in high precision");
        double low = Fraction(reader, "low_threshold", DynamicLoading.DefaultLow, "T2: up to which they run in low precision; beyond it they are skipped");
        bool prefetch = reader.Bool("prefetch", true);
        IReadOnlyList<double> accuracy = reader.List<double>("prefetch_accuracy", (string text, out double value, out string error) =>
            MappingReader.ParseNumber(text, 0, 1, out value, out error));
        if (accuracy.Count > MaxLookahead)
        {
            reader.Error("prefetch_accuracy", $"one accuracy per layer ahead, at most {MaxLookahead} layers; {accuracy.Count} given");
        }
        double lowShare = Fraction(reader, "low_pool", 0.25, "the share of expert memory for low-precision copies");
        const string weight = "weight of this term in the cache priority";
        HobbitRule rule = reader.Section("cache_weights", r => new HobbitRule(
            Fraction(r, "recency", 0.25, weight), Fraction(r, "frequency", 0.25, weight), Fraction(r, "high_use", 0.25, weight), Fraction(r, "layer_distance", 0.25, weight)))
            ?? new HobbitRule(0.25, 0.25, 0.25, 0.25);
        if (low < high)
        {
            reader.Error("low_threshold", FormattableString.Invariant($"T2 ({low}) must not be below T1 ({high})"));
        }

        return new HobbitPolicy(high, low, prefetch ? (accuracy.Count == 0 ? [0.9] : accuracy) : null, lowShare, rule);
    }

    private static double Fraction(MappingReader reader, string key, double fallback, string meaning) =>
        reader.Number(key, 0, 1, fallback, meaning: meaning);
}
