using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Hardware.LutCore;

/// <summary>
/// A LUT tensor core (Mo et al., ISCA 2025): <paramref name="Units"/> lookup units, each an elongated
/// <paramref name="TileM"/>×<paramref name="TileN"/>×<paramref name="TileK"/> tile (TileK activations per table),
/// taking <paramref name="PlanesPerCycle"/> weight bit planes per cycle.
/// </summary>
public sealed record LutCoreConfig(
    string Name,
    int Count,
    Frequency Clock,
    IReadOnlyList<NumericFormat> ActivationFormats,
    IReadOnlyList<NumericFormat> WeightFormats,
    int Units,
    int TileM,
    int TileN,
    int TileK,
    int PlanesPerCycle,
    bool SymmetricTable,
    bool FusedPrecompute,
    int Dequantizers)
    : ComputeUnitConfig(Name, LutCoreKind.Name, Count, Clock, ActivationFormats, WeightFormats)
{
    public override IPeModel Build() => new LutCorePe(this);
}
