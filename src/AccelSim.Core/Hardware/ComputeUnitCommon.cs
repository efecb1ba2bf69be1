using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Hardware;

/// <summary>The common keys of a compute unit, read before its kind reads the rest.</summary>
public sealed record ComputeUnitCommon(
    string Name,
    int Count,
    Frequency Clock,
    IReadOnlyList<NumericFormat> ActivationFormats,
    IReadOnlyList<NumericFormat> WeightFormats);
