using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Hardware.ShiftAdd;

/// <summary>An output-stationary rows×columns array of shift-add PEs with one group dequantizer per column (MixPE).</summary>
public sealed record ShiftAddPeConfig(
    string Name,
    int Count,
    Frequency Clock,
    IReadOnlyList<NumericFormat> ActivationFormats,
    IReadOnlyList<NumericFormat> WeightFormats,
    int Rows,
    int Columns)
    : ComputeUnitConfig(Name, ShiftAddPeKind.Name, Count, Clock, ActivationFormats, WeightFormats)
{
    public override IPeModel Build() => new ShiftAddPe(this);
}
