using AccelSim.Config.Yaml;
using AccelSim.Numerics;

namespace AccelSim.Workloads;

/// <summary>
/// What to expand: a model, a phase, the batch, the sequence length (prompt length for prefill, tokens already
/// in the KV cache for decode), how many layers, and the formats of weights, activations and the KV cache.
/// </summary>
public sealed record TransformerSpec(
    ModelShape Model,
    Phase Phase,
    int Batch,
    int SequenceLength,
    int Layers,
    NumericFormat Weights,
    NumericFormat Activations,
    NumericFormat KvCache,
    SourceLocation Location);
