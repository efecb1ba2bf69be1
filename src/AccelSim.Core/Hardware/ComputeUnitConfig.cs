using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Hardware;

/// <summary>
/// The keys every compute unit has, whatever its kind: how many copies (cores), its clock and the formats it accepts.
/// Each kind extends it with its own keys and builds its model.
/// </summary>
public abstract record ComputeUnitConfig(
    string Name,
    string Kind,
    int Count,
    Frequency Clock,
    IReadOnlyList<NumericFormat> ActivationFormats,
    IReadOnlyList<NumericFormat> WeightFormats)
{
    public abstract IPeModel Build();
}
