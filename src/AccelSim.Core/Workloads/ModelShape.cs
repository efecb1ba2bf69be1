namespace AccelSim.Workloads;

/// <summary>A decoder-only transformer's shape, as in its Hugging Face config.json; <see cref="Moe"/> when its FFNs are experts.</summary>
public sealed record ModelShape(
    string Name,
    int Layers,
    int Hidden,
    int FfnHidden,
    int Heads,
    int KvHeads,
    int HeadDim,
    bool GatedFfn,
    VectorOpKind Activation,
    VectorOpKind Norm,
    bool Rotary,
    MoeShape? Moe = null)
{
    public int QueriesPerKvHead => Heads / KvHeads;
}
