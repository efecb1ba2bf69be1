using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Hardware.ShiftAdd;

/// <summary>
/// An output-stationary rows×columns array of shift-add PEs with one group dequantizer per column (MixPE).
/// <paramref name="GemvSplit"/>: rows that M leaves idle may take shares of K (<see cref="GroupSplitGemv"/>).
/// </summary>
public sealed record ShiftAddPeConfig(
    string Name,
    int Count,
    Frequency Clock,
    IReadOnlyList<NumericFormat> ActivationFormats,
    IReadOnlyList<NumericFormat> WeightFormats,
    int Rows,
    int Columns,
    bool GemvSplit = false)
    : ComputeUnitConfig(Name, ShiftAddPeKind.Name, Count, Clock, ActivationFormats, WeightFormats)
{
    public override IPeModel Build() => new ShiftAddPe(this);
}
