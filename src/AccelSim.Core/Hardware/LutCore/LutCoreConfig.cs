using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Hardware.LutCore;

/// <summary>
/// A LUT tensor core (Mo et al., ISCA 2025): <paramref name="Units"/> lookup units, each an elongated
/// <paramref name="TileM"/>×<paramref name="TileN"/>×<paramref name="TileK"/> tile (TileK activations per table),
/// taking <paramref name="PlanesPerCycle"/> weight bit planes per cycle, with <paramref name="Dequantizers"/> FP32 group
/// dequantizers per unit (null: as many as its declared weight formats need, <see cref="DequantizersPerUnit"/>).
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
    int? Dequantizers = null)
    : ComputeUnitConfig(Name, LutCoreKind.Name, Count, Clock, ActivationFormats, WeightFormats)
{
    /// <summary>
    /// The design's own count, or as many as keep up with a unit's group sums at the most demanding declared weight
    /// format: the unit's TileM × TileN outputs each finish a quantization group every ⌈group/TileK⌉ tables ×
    /// ⌈bits/PlanesPerCycle⌉ planes cycles (a format without groups finishes each output once, so one is enough).
    /// W4 in groups of 128 on M2 N64 K4 needs 1; W2 in groups of 64 needs 4.
    /// </summary>
    public int DequantizersPerUnit => Dequantizers ?? WeightFormats.Select(f => f.BlockSize is int group
        ? CeilDiv(TileM * TileN, CeilDiv(group, TileK) * CeilDiv(f.Element.Bits, PlanesPerCycle))
        : 1).DefaultIfEmpty(1).Max();

    public override IPeModel Build() => new LutCorePe(this);

    private static int CeilDiv(int a, int b) => (a + b - 1) / b;
}
