namespace AccelSim.Workloads;

/// <summary>The YAML names of vector operations.</summary>
public static class VectorOpNames
{
    public static IReadOnlyDictionary<string, VectorOpKind> ByName { get; } = new Dictionary<string, VectorOpKind>
    {
        ["softmax"] = VectorOpKind.Softmax,
        ["layernorm"] = VectorOpKind.LayerNorm,
        ["rmsnorm"] = VectorOpKind.RmsNorm,
        ["gelu"] = VectorOpKind.Gelu,
        ["silu"] = VectorOpKind.Silu,
        ["relu"] = VectorOpKind.Relu,
        ["rope"] = VectorOpKind.Rope,
        ["add"] = VectorOpKind.Add,
        ["multiply"] = VectorOpKind.Multiply,
    };

    public static string Name(VectorOpKind kind) => ByName.First(p => p.Value == kind).Key;
}
