using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Hardware.DequantMac;

/// <summary>
/// An output-stationary rows×columns array of FP16 PEs fed by <see cref="DequantLanes"/> weight dequantizers. Each PE
/// is a dot-product unit of <see cref="DotWidth"/> FP16 products sharing one alignment and one FP32 accumulation, as
/// a tensor core's DP4 is; a width of 1 is a plain MAC with its own FP32 adder.
/// </summary>
public sealed record DequantMacPeConfig(
    string Name,
    int Count,
    Frequency Clock,
    IReadOnlyList<NumericFormat> ActivationFormats,
    IReadOnlyList<NumericFormat> WeightFormats,
    int Rows,
    int Columns,
    int DequantLanes,
    int DotWidth = 1)
    : ComputeUnitConfig(Name, DequantMacPeKind.Name, Count, Clock, ActivationFormats, WeightFormats)
{
    public override IPeModel Build() => new DequantMacPe(this);
}
