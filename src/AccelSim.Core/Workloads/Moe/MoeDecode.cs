using AccelSim.Config.Yaml;
using AccelSim.Numerics;

namespace AccelSim.Workloads.Moe;

/// <summary>
/// A MoE model decoding on a device that offloads experts: <see cref="Batch"/> sequences each prefill
/// <see cref="Prompt"/> tokens (none: decoding starts from a cache of <see cref="Context"/> tokens) and then decode
/// <see cref="Steps"/> tokens. <see cref="Routing"/> says which experts every token visits: its tokens are the
/// prompt's (sequence by sequence) and then each step's, one per sequence. Attention weights, activations and the
/// KV cache are in <see cref="Weights"/>, <see cref="Activations"/> and <see cref="KvCache"/>; the experts' formats
/// are the design's (<c>offload.formats</c>).
/// </summary>
public sealed record MoeDecode(
    ModelShape Model,
    int Batch,
    int Prompt,
    int Context,
    int Steps,
    RoutingTrace Routing,
    NumericFormat Weights,
    NumericFormat Activations,
    NumericFormat KvCache,
    SourceLocation Location)
{
    public MoeShape Moe => Model.Moe!;

    /// <summary>Tokens the routing must cover.</summary>
    public int RoutedTokens => Batch * (Prompt + Steps);

    /// <summary>The routing token of sequence <paramref name="sequence"/> at decode step <paramref name="step"/>.</summary>
    public int DecodeToken(int step, int sequence) => (Batch * Prompt) + (step * Batch) + sequence;
}
