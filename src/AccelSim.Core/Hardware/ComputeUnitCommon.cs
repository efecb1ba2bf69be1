using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Hardware;

/// <summary>
/// The common keys of a compute unit, read before its kind reads the rest, and <see cref="Notes"/>, where the kind says
/// what it made of a setting that has no effect (they go into the design's notes).
/// </summary>
public sealed record ComputeUnitCommon(
    string Name,
    int Count,
    Frequency Clock,
    IReadOnlyList<NumericFormat> ActivationFormats,
    IReadOnlyList<NumericFormat> WeightFormats)
{
    public List<string> Notes { get; } = [];
}
