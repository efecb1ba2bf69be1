namespace AccelSim.Memory.Sram;

/// <summary>The GEMM operands a buffer can hold.</summary>
public enum Operand
{
    Activations,
    Weights,
    Outputs,
}
