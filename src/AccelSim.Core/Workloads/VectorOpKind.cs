namespace AccelSim.Workloads;

/// <summary>The element-wise and reduction operations a layer needs besides its GEMMs.</summary>
public enum VectorOpKind
{
    Softmax,
    LayerNorm,
    RmsNorm,
    Gelu,
    Silu,
    Relu,
    Rope,
    Add,
    Multiply,
}
