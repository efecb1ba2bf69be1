using AccelSim.Config.Yaml;
using AccelSim.Numerics;

namespace AccelSim.Workloads;

/// <summary>C[M×N] = A[M×K]·W[K×N] with A in the activation format and W in the weight format.</summary>
public sealed record GemmOp(
    string Name,
    int M,
    int N,
    int K,
    NumericFormat Activation,
    NumericFormat Weight,
    int Repeat,
    IReadOnlyList<string> DependsOn,
    SourceLocation Location)
    : Operation(Name, Repeat, DependsOn, Location)
{
    public long Macs => (long)M * N * K * Repeat;
}
