using AccelSim.Config.Yaml;
using AccelSim.Numerics;
using AccelSim.Workloads;
using AccelSim.Workloads.Moe;

namespace AccelSim.Config;

/// <summary>
/// Reads <c>kind: moe-decode</c>: <c>model</c> (a shape with a <c>moe:</c> section), <c>batch</c>, <c>prompt</c>
/// (prefill tokens per sequence, 0 for none), <c>context</c> (tokens cached when decoding starts; the prompt by
/// default), <c>tokens</c> (decode steps), <c>routing</c> (a seeded generator's parameters, or <c>file:</c> a
/// <c>token,layer,expert,gate_weight</c> CSV) and <c>formats</c> (weights outside the experts, activations, KV cache).
/// </summary>
internal static class MoeDecodeReader
{
    public static MoeDecode? Read(MappingReader reader, string path)
    {
        ModelShape? model = WorkloadLoader.ReadModel(reader, path);
        int batch = reader.Int("batch", 1, 4096, 1, meaning: "sequences decoded together");
        int prompt = reader.Int("prompt", 0, 1 << 20, 0, meaning: "prompt tokens each sequence prefills first");
        int context = reader.Int("context", 0, 1 << 24, prompt, meaning: "tokens in each sequence's KV cache when decoding starts");
        int steps = reader.Int("tokens", 1, 1 << 20, 1, required: true, meaning: "tokens each sequence decodes");
        (NumericFormat weights, NumericFormat activations, NumericFormat kv) = WorkloadLoader.ReadFormats(reader, NumericFormats.Parse("fp16"));
        if (model is not null && model.Moe is null)
        {
            reader.Error("model", $"{model.Name} has no moe: section; a moe-decode workload needs a mixture-of-experts model (see workloads/moe/models/)");
            model = null;
        }

        if (context < prompt && reader.Has("context"))
        {
            reader.Error("context", $"the cache holds at least the {prompt} prompt tokens");
        }

        if (model is null)
        {
            // Without a model the routing cannot be checked, but it is a known key, not an unknown one.
            _ = reader.Has("routing");
        }

        RoutingTrace? routing = model is null ? null : reader.Section("routing", r => ReadRouting(r, path, model, batch * (prompt + steps)),
            required: true, meaning: "{seed: N, zipf_exponent: S, ...} for generated routing, or {file: trace.csv}");
        if (model is null || routing is null || reader.Diagnostics.HasErrors)
        {
            return null;
        }

        return new MoeDecode(model, batch, prompt, Math.Max(context, prompt), steps, routing, weights, activations, kv,
            reader.Mapping["routing"]?.Location ?? reader.Location);
    }

    private static RoutingTrace ReadRouting(MappingReader r, string path, ModelShape model, int tokens)
    {
        MoeShape moe = model.Moe!;
        if (r.Has("file"))
        {
            string file = r.String("file", required: true, meaning: "a token,layer,expert,gate_weight CSV");
            string full = IncludedFile.Resolve(path, file);
            if (IncludedFile.Itself(path, full, file) is string self)
            {
                r.Error("file", self);
                return new RoutingTrace(moe.Experts, moe.TopK, [], file);
            }

            RoutingTrace? trace = RoutingTraceCsv.Load(full, model.Layers, moe, r.Diagnostics, r.Mapping["file"]?.Location ?? r.Location);
            if (trace is not null && trace.Tokens < tokens)
            {
                r.Error("file", $"'{file}' routes {trace.Tokens} tokens, but the workload needs {tokens} (batch × (prompt + tokens))");
            }

            return trace ?? new RoutingTrace(moe.Experts, moe.TopK, [], file);
        }

        RoutingSkew d = RoutingSkew.Default;
        double Number(string key, double fallback, double max, string meaning) => r.Number(key, 0, max, fallback, meaning: meaning);
        var skew = new RoutingSkew(
            Number("zipf_exponent", d.ZipfExponent, 10, "skew of each layer's expert popularity (0: uniform)"),
            Number("temporal_locality", d.TemporalLocality, 1, "chance a token keeps the previous token's expert"),
            Number("layer_correlation", d.LayerCorrelation, 1, "chance it follows its own expert at the layer before"),
            Number("gate_concentration", d.GateConcentration, 1000, "Dirichlet concentration of the gate weights"));
        if (skew.TemporalLocality + skew.LayerCorrelation > 1)
        {
            r.Error("layer_correlation", "temporal_locality and layer_correlation are chances of one draw; together they cannot exceed 1");
        }

        if (skew.GateConcentration <= 0)
        {
            r.Error("gate_concentration", "a Dirichlet concentration must be above 0");
        }

        int seed = r.Int("seed", 0, int.MaxValue, 1, meaning: "seed of the generated routing");
        return RoutingGenerator.Generate(model.Layers, moe, tokens, skew, seed);
    }
}
