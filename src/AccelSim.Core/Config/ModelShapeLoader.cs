using AccelSim.Config.Yaml;
using AccelSim.Workloads;

namespace AccelSim.Config;

/// <summary>Reads a model shape file (<c>workloads/llm/models/*.yaml</c>): the numbers of a Hugging Face config.json.</summary>
public static class ModelShapeLoader
{
    public static ModelShape? Load(string path, Diagnostics diagnostics, SourceLocation referencedFrom)
    {
        ConfigNode? root = YamlSource.LoadFile(path, diagnostics, referencedFrom, "model");
        MappingReader? r = MappingReader.Open(root, "", diagnostics);
        if (r is null)
        {
            return null;
        }

        int errors = diagnostics.Count;
        var shape = new ModelShape(
            r.String("name", required: true),
            r.Int("layers", 1, 10_000, 1, required: true),
            r.Int("hidden", 1, 1 << 20, 1, required: true),
            r.Int("ffn_hidden", 1, 1 << 22, 1, required: true),
            r.Int("heads", 1, 4096, 1, required: true),
            r.Int("kv_heads", 1, 4096, 1, required: true),
            r.Int("head_dim", 1, 4096, 1, required: true),
            r.Choice("ffn", ["gated", "plain"], "gated", required: true) == "gated",
            VectorOpNames.ByName[r.Choice("activation", ["silu", "gelu", "relu"], "silu", required: true)],
            VectorOpNames.ByName[r.Choice("norm", ["rmsnorm", "layernorm"], "rmsnorm", required: true)],
            r.Choice("positional", ["rope", "learned"], "rope", required: true) == "rope",
            r.Section("moe", ReadMoe, meaning: "experts, top_k, expert_ffn_hidden and the optional shared experts and dense layers"));
        r.String("source", meaning: "where the numbers come from");
        r.Int("vocab", 1, 1 << 24, 1);
        r.Finish();
        if (diagnostics.Count == errors && shape.Heads % shape.KvHeads != 0)
        {
            r.Error("kv_heads", $"{shape.Heads} heads cannot share {shape.KvHeads} KV heads evenly");
        }

        if (diagnostics.Count == errors && shape.Moe is { } moe && moe.DenseLayers >= shape.Layers)
        {
            r.Error("moe", $"all {shape.Layers} layers are dense (dense_layers: {moe.DenseLayers}); a MoE model needs at least one expert layer");
        }

        return diagnostics.Count == errors ? shape : null;
    }

    private static MoeShape ReadMoe(MappingReader r)
    {
        int experts = r.Int("experts", 1, 4096, 1, required: true, meaning: "routed experts per MoE layer");
        int topK = r.Int("top_k", 1, 4096, 1, required: true, meaning: "experts the router picks per token");
        var moe = new MoeShape(
            experts,
            topK,
            r.Int("expert_ffn_hidden", 1, 1 << 22, 1, required: true, meaning: "intermediate width of one routed expert"),
            r.Int("shared_experts", 0, 64, 0, meaning: "experts every token runs"),
            r.Int("shared_ffn_hidden", 0, 1 << 22, 0, meaning: "intermediate width of one shared expert"),
            r.Int("dense_layers", 0, 10_000, 0, meaning: "first layers with a dense FFN"),
            r.Bool("normalize_top_k", true));
        if (topK > experts)
        {
            r.Error("top_k", $"the router cannot pick {topK} of {experts} experts");
        }

        if (moe.SharedExperts > 0 && moe.SharedFfnHidden == 0)
        {
            r.Error("shared_ffn_hidden", $"{moe.SharedExperts} shared experts need their intermediate width");
        }

        return moe;
    }
}
