using AccelSim.Config.Yaml;
using AccelSim.Numerics;

namespace AccelSim.Workloads;

/// <summary>
/// Batched LLM decoding for NPU + PIM systems: <see cref="Contexts"/> holds each request's tokens already in its KV
/// cache before the first step; every step adds one token per request. With tensor parallelism the device runs
/// its share: heads, KV heads and the FFN's width divided by <see cref="TensorParallel"/> (the all-reduces between
/// devices are not modelled). <see cref="ContextLocation"/> is where the context lengths are given, for errors
/// about what the caches need.
/// </summary>
public sealed record BatchedDecode(
    ModelShape Model,
    int TensorParallel,
    IReadOnlyList<int> Contexts,
    int Steps,
    int Layers,
    KvPlacement Placement,
    NumericFormat Weights,
    NumericFormat Activations,
    NumericFormat KvCache,
    string ContextSource,
    SourceLocation Location,
    SourceLocation ContextLocation)
{
    public int Batch => Contexts.Count;

    public int Heads => Model.Heads / TensorParallel;

    public int KvHeads => Model.KvHeads / TensorParallel;

    public int FfnHidden => Model.FfnHidden / TensorParallel;
}
