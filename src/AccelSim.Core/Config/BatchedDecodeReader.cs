using AccelSim.Config.Yaml;
using AccelSim.Numerics;
using AccelSim.Workloads;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace AccelSim.Config;

/// <summary>
/// Reads <c>kind: batched-decode</c>: <c>model</c>, <c>tensor_parallel</c>, <c>batch</c>, <c>context</c> (a fixed
/// length, lengths drawn uniformly with <c>seed</c>, or a request trace CSV), <c>steps</c>, <c>layers</c>,
/// <c>placement</c> (greedy or round-robin) and <c>formats</c>.
/// </summary>
internal static class BatchedDecodeReader
{
    private static readonly string[] Distributions = ["fixed", "uniform", "csv"];
    private static readonly string[] Placements = ["greedy", "round-robin"];

    public static BatchedDecode? Read(MappingReader reader, string path)
    {
        ModelShape? model = WorkloadLoader.ReadModel(reader, path);
        int tp = reader.Int("tensor_parallel", 1, 1024, 1, meaning: "devices the heads and FFN are split over; this run is one of them");
        int steps = reader.Int("steps", 1, 1_000_000, 1, meaning: "decode steps, each one token per request");
        int layers = reader.Int("layers", 1, 10_000, model?.Layers ?? 1);
        int seed = reader.Int("seed", 0, int.MaxValue, 1, meaning: "seed of drawn context lengths");
        KvPlacement placement = reader.Choice("placement", Placements, "greedy") == "greedy" ? KvPlacement.Greedy : KvPlacement.RoundRobin;
        (NumericFormat weights, NumericFormat activations, NumericFormat kv) = WorkloadLoader.ReadFormats(reader, NumericFormats.Parse("fp16"));
        bool hasBatch = reader.Has("batch");
        int batch = reader.Int("batch", 1, 1 << 20, 1, meaning: "requests decoded together");
        Contexts? contexts = reader.Section("context", r => ReadContexts(r, path, batch, hasBatch, seed), required: true,
            meaning: "{distribution: fixed, length: N}, {distribution: uniform, min: A, max: B} or {distribution: csv, file: F}");
        if (model is null || contexts is null || contexts.Lengths.Count == 0 || reader.Diagnostics.HasErrors)
        {
            return null;
        }

        foreach ((string what, int count) in new[] { ("heads", model.Heads), ("kv_heads", model.KvHeads), ("ffn_hidden", model.FfnHidden) })
        {
            if (count % tp != 0)
            {
                reader.Error("tensor_parallel", $"{model.Name}'s {count} {what} do not split evenly over {tp} devices");
            }
        }

        if (layers > model.Layers)
        {
            reader.Error("layers", $"{model.Name} has {model.Layers} layers, fewer than {layers}");
        }

        return reader.Diagnostics.HasErrors ? null : new BatchedDecode(
            model, tp, contexts.Lengths, steps, layers, placement, weights, activations, kv, contexts.Source, reader.Location,
            reader.Mapping["context"]?.Location ?? reader.Location);
    }

    private sealed record Contexts(IReadOnlyList<int> Lengths, string Source);

    /// <summary>The requests' context lengths; none when the section has an error (reported).</summary>
    private static Contexts ReadContexts(MappingReader r, string path, int batch, bool hasBatch, int seed)
    {
        string distribution = r.Choice("distribution", Distributions, "fixed", required: true);
        switch (distribution)
        {
            case "fixed":
            {
                int length = r.Int("length", 1, 1 << 24, 1, required: true, meaning: "tokens in every request's KV cache");
                return new([.. Enumerable.Repeat(length, batch)], $"{batch} requests of {length} tokens");
            }

            case "uniform":
            {
                int min = r.Int("min", 1, 1 << 24, 1, required: true);
                int max = r.Int("max", 1, 1 << 24, 1, required: true);
                if (max < min)
                {
                    r.Error("max", $"{max} is below min ({min})");
                    return new([], "");
                }

                var uniform = new DiscreteUniform(min, max, new Xoshiro256StarStar(seed, threadSafe: false));
                return new([.. Enumerable.Range(0, batch).Select(_ => uniform.Sample())], $"{batch} requests of {min}-{max} tokens (uniform, seed {seed})");
            }

            default:
            {
                string file = r.String("file", required: true, meaning: "a CSV with a context_length column");
                if (file.Length == 0)
                {
                    return new([], "");
                }

                string full = IncludedFile.Resolve(path, file);
                if (IncludedFile.Itself(path, full, file) is string self)
                {
                    r.Error("file", self);
                    return new([], "");
                }

                IReadOnlyList<int>? contexts = RequestTraceCsv.Load(full, r.Diagnostics, r.Mapping["file"]?.Location ?? r.Location);
                if (contexts is not null && hasBatch && contexts.Count != batch)
                {
                    r.Error("file", $"'{file}' has {contexts.Count} requests but batch is {batch}; remove batch or make them agree");
                }

                return new(contexts ?? [], $"{contexts?.Count ?? 0} requests from {file}");
            }
        }
    }
}
