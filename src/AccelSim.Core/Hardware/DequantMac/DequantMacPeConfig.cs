using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Hardware.DequantMac;

/// <summary>An output-stationary rows×columns FP16 MAC array fed by <see cref="DequantLanes"/> weight dequantizers.</summary>
public sealed record DequantMacPeConfig(
    string Name,
    int Count,
    Frequency Clock,
    IReadOnlyList<NumericFormat> ActivationFormats,
    IReadOnlyList<NumericFormat> WeightFormats,
    int Rows,
    int Columns,
    int DequantLanes)
    : ComputeUnitConfig(Name, DequantMacPeKind.Name, Count, Clock, ActivationFormats, WeightFormats)
{
    public override IPeModel Build() => new DequantMacPe(this);
}
