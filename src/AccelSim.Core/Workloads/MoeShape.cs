namespace AccelSim.Workloads;

/// <summary>
/// The mixture-of-experts part of a model's shape: each MoE layer's FFN is <see cref="Experts"/> routed experts, of
/// which a router picks <see cref="TopK"/> per token, plus <see cref="SharedExperts"/> that every token runs; the
/// first <see cref="DenseLayers"/> layers keep a dense FFN of the model's <c>ffn_hidden</c>. Every expert is a gated
/// FFN (gate, up, down) of <see cref="ExpertFfnHidden"/> (shared ones: <see cref="SharedFfnHidden"/>).
/// <see cref="NormalizeTopK"/>: the chosen experts' gate weights are renormalized to sum to one (Mixtral), or kept as
/// the softmax over all experts gives them (Qwen1.5-MoE's <c>norm_topk_prob: false</c>).
/// </summary>
public sealed record MoeShape(
    int Experts,
    int TopK,
    int ExpertFfnHidden,
    int SharedExperts,
    int SharedFfnHidden,
    int DenseLayers,
    bool NormalizeTopK)
{
    /// <summary>Parameters of one routed expert: gate, up and down projections.</summary>
    public long ExpertParameters(int hidden) => 3L * hidden * ExpertFfnHidden;

    /// <summary>Whether layer <paramref name="layer"/> (from 0) routes its FFN through experts.</summary>
    public bool IsMoeLayer(int layer) => layer >= DenseLayers;
}
