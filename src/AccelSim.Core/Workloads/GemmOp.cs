using AccelSim.Config.Yaml;
using AccelSim.Numerics;

namespace AccelSim.Workloads;

/// <summary>
/// C[M×N] = A[M×K]·W[K×N] with A in the activation format and W in the weight format; optionally with real operands
/// for functional checking from .npy files (A as M×K, W as K×N).
/// </summary>
public sealed record GemmOp(
    string Name,
    int M,
    int N,
    int K,
    NumericFormat Activation,
    NumericFormat Weight,
    int Repeat,
    IReadOnlyList<string> DependsOn,
    SourceLocation Location,
    string? ActivationFile = null,
    string? WeightFile = null)
    : Operation(Name, Repeat, DependsOn, Location)
{
    public long Macs => (long)M * N * K * Repeat;
}
