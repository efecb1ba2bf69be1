using AccelSim.Config.Yaml;
using AccelSim.Numerics;

namespace AccelSim.Workloads;

/// <summary>A non-GEMM operation over <see cref="Elements"/> elements of the given format, run on the vector unit.</summary>
public sealed record VectorOp(
    string Name,
    VectorOpKind Kind,
    long Elements,
    NumericFormat Format,
    int Repeat,
    IReadOnlyList<string> DependsOn,
    SourceLocation Location)
    : Operation(Name, Repeat, DependsOn, Location);
