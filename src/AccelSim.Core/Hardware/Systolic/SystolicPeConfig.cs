using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Hardware.Systolic;

/// <summary>A rows×columns MAC array with one dataflow.</summary>
public sealed record SystolicPeConfig(
    string Name,
    int Count,
    Frequency Clock,
    IReadOnlyList<NumericFormat> ActivationFormats,
    IReadOnlyList<NumericFormat> WeightFormats,
    int Rows,
    int Columns,
    Dataflow Dataflow)
    : ComputeUnitConfig(Name, SystolicPeKind.Name, Count, Clock, ActivationFormats, WeightFormats)
{
    public override IPeModel Build() => new SystolicPe(this);
}
