namespace AccelSim.Workloads;

/// <summary>
/// Expands a transformer into the operations of each decoder layer: normalization, Q/K/V projections, rotary
/// embedding, attention (QKᵀ and PV, per sequence and KV head, with the query heads that share a KV head stacked
/// into M, which is how GQA reuses the cache), softmax, output projection, residual adds and the FFN (gated or
/// not). Prefill attention is computed over the full square (no causal skipping); embeddings and the LM head are
/// left out.
/// </summary>
public static class TransformerGenerator
{
    public static IReadOnlyList<Operation> Expand(TransformerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ModelShape model = spec.Model;
        int queries = spec.Phase == Phase.Prefill ? spec.SequenceLength : 1;
        int keys = spec.Phase == Phase.Prefill ? spec.SequenceLength : spec.SequenceLength + 1;
        int tokens = checked(spec.Batch * queries);
        int qWidth = model.Heads * model.HeadDim;
        int kvWidth = model.KvHeads * model.HeadDim;
        int stacked = queries * model.QueriesPerKvHead;
        int attentionRepeat = spec.Batch * model.KvHeads;
        var ops = new List<Operation>();
        string previous = "";
        for (int layer = 0; layer < spec.Layers; layer++)
        {
            string p = $"layer{layer}.";
            IReadOnlyList<string> After(params string[] names) => [.. names.Where(n => n.Length > 0).Select(n => n.StartsWith("layer", StringComparison.Ordinal) ? n : p + n)];
            GemmOp Gemm(string name, int m, int n, int k, bool attention, int repeat, params string[] deps) => new(
                p + name, m, n, k, spec.Activations, attention ? spec.KvCache : spec.Weights, repeat, After(deps), spec.Location);
            VectorOp Vector(string name, VectorOpKind kind, long elements, params string[] deps) =>
                new(p + name, kind, elements, spec.Activations, 1, After(deps), spec.Location);

            ops.Add(Vector("attention_norm", model.Norm, (long)tokens * model.Hidden, previous));
            ops.Add(Gemm("q_proj", tokens, qWidth, model.Hidden, false, 1, "attention_norm"));
            ops.Add(Gemm("k_proj", tokens, kvWidth, model.Hidden, false, 1, "attention_norm"));
            ops.Add(Gemm("v_proj", tokens, kvWidth, model.Hidden, false, 1, "attention_norm"));
            string scoresAfter = "q_proj";
            if (model.Rotary)
            {
                ops.Add(Vector("rope", VectorOpKind.Rope, (long)tokens * (qWidth + kvWidth), "q_proj", "k_proj"));
                scoresAfter = "rope";
            }

            ops.Add(Gemm("attention_scores", stacked, keys, model.HeadDim, true, attentionRepeat, scoresAfter, "k_proj"));
            ops.Add(Vector("softmax", VectorOpKind.Softmax, (long)spec.Batch * model.Heads * queries * keys, "attention_scores"));
            ops.Add(Gemm("attention_values", stacked, model.HeadDim, keys, true, attentionRepeat, "softmax", "v_proj"));
            ops.Add(Gemm("o_proj", tokens, model.Hidden, qWidth, false, 1, "attention_values"));
            ops.Add(Vector("attention_residual", VectorOpKind.Add, (long)tokens * model.Hidden, "o_proj"));
            ops.Add(Vector("ffn_norm", model.Norm, (long)tokens * model.Hidden, "attention_residual"));
            long ffnElements = (long)tokens * model.FfnHidden;
            if (model.GatedFfn)
            {
                ops.Add(Gemm("ffn_gate", tokens, model.FfnHidden, model.Hidden, false, 1, "ffn_norm"));
                ops.Add(Gemm("ffn_up", tokens, model.FfnHidden, model.Hidden, false, 1, "ffn_norm"));
                ops.Add(Vector("ffn_activation", model.Activation, ffnElements, "ffn_gate"));
                ops.Add(Vector("ffn_gate_multiply", VectorOpKind.Multiply, ffnElements, "ffn_activation", "ffn_up"));
                ops.Add(Gemm("ffn_down", tokens, model.Hidden, model.FfnHidden, false, 1, "ffn_gate_multiply"));
            }
            else
            {
                ops.Add(Gemm("ffn_up", tokens, model.FfnHidden, model.Hidden, false, 1, "ffn_norm"));
                ops.Add(Vector("ffn_activation", model.Activation, ffnElements, "ffn_up"));
                ops.Add(Gemm("ffn_down", tokens, model.Hidden, model.FfnHidden, false, 1, "ffn_activation"));
            }

            ops.Add(Vector("ffn_residual", VectorOpKind.Add, (long)tokens * model.Hidden, "ffn_down"));
            previous = p + "ffn_residual";
        }

        return ops;
    }
}
