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
            r.Choice("positional", ["rope", "learned"], "rope", required: true) == "rope");
        r.String("source", meaning: "where the numbers come from");
        r.Int("vocab", 1, 1 << 24, 1);
        r.Finish();
        if (diagnostics.Count == errors && shape.Heads % shape.KvHeads != 0)
        {
            r.Error("kv_heads", $"{shape.Heads} heads cannot share {shape.KvHeads} KV heads evenly");
        }

        return diagnostics.Count == errors ? shape : null;
    }
}
