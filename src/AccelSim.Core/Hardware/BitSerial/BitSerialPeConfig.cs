using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Hardware.BitSerial;

/// <summary>
/// An output-stationary rows×columns array of bit-serial PEs (Stripes, BitMoD): each PE is a dot-product unit of
/// <paramref name="DotWidth"/> lanes that takes <paramref name="BitsPerCycle"/> bits of every weight per cycle; one
/// group dequantizer per column. <paramref name="GemvSplit"/>: rows that M leaves idle may take shares of K
/// (<see cref="GroupSplitGemv"/>).
/// </summary>
public sealed record BitSerialPeConfig(
    string Name,
    int Count,
    Frequency Clock,
    IReadOnlyList<NumericFormat> ActivationFormats,
    IReadOnlyList<NumericFormat> WeightFormats,
    int Rows,
    int Columns,
    int DotWidth,
    int BitsPerCycle,
    bool GemvSplit = false)
    : ComputeUnitConfig(Name, BitSerialPeKind.Name, Count, Clock, ActivationFormats, WeightFormats)
{
    public override IPeModel Build() => new BitSerialPe(this);
}
