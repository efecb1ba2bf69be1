using AccelSim.Config.Yaml;
using AccelSim.Numerics;

namespace AccelSim.Hardware.LutCore;

/// <summary>
/// The <c>kind: lut-core</c> entry (LUT Tensor Core, Mo et al., ISCA 2025; T-MAC): keys <c>units</c>, <c>tile_m</c>,
/// <c>tile_n</c>, <c>tile_k</c> (activations per table; the paper's best tile is M2 N64 K4), <c>planes_per_cycle</c>,
/// <c>table</c> (symmetric or full), <c>precompute</c> (fused or in-pe) and <c>dequantizers</c> per unit.
/// Weights INT1-8, ternary or binary (per tensor, channel or group; the paper's range is 1-4 bits, more bits are
/// more planes); activations integers of up to 8 bits or FP16/FP8 held in fixed point.
/// </summary>
public sealed class LutCoreKind : IPeKind
{
    public const string Name = "lut-core";

    public string Kind => Name;

    public string Summary => "table lookup of precomputed activation sums per weight bit plane, no multipliers (LUT Tensor Core, T-MAC)";

    public string? Unsupported(NumericFormat format, bool isWeight)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (!isWeight)
        {
            return ActivationFixedPoint.Unsupported(format);
        }

        bool fits = format switch
        {
            ScaledIntFormat s => s.Element.Bits <= 8 && s.Element is IntFormat { IsSigned: true } or BinaryFormat,
            GroupAffineFormat g => g.Bits <= 8,
            _ => false,
        };
        return fits
            ? null
            : $"weights must be INT1-8, ternary or binary, per tensor or group-wise (such as ternary, int2-g64, int4-g128), "
                + $"whose bit planes index the tables; {format.Name} is not";
    }

    public ComputeUnitConfig Read(MappingReader reader, ComputeUnitCommon common)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(common);
        return new LutCoreConfig(
            common.Name,
            common.Count,
            common.Clock,
            common.ActivationFormats,
            common.WeightFormats,
            reader.Int("units", 1, 65536, 1, required: true, meaning: "lookup units (each a tile_m × tile_n tile)"),
            reader.Int("tile_m", 1, 64, 2, meaning: "activation rows per unit; default 2 (the paper's M2N64K4)"),
            reader.Int("tile_n", 1, 1024, 64, meaning: "weight columns per unit, each sharing the rows' tables; default 64"),
            reader.Int("tile_k", 2, 6, 4, meaning: "activations per table (2^(tile_k−1) entries when symmetric); default 4"),
            reader.Int("planes_per_cycle", 1, 4, 1, meaning: "weight bit planes looked up per cycle; default 1 (bit-serial)"),
            reader.Choice("table", ["symmetric", "full"], "symmetric") == "symmetric",
            reader.Choice("precompute", ["fused", "in-pe"], "fused") == "fused",
            reader.Has("dequantizers")
                ? reader.Int("dequantizers", 1, 1024, 1, meaning: "FP32 group dequantizers per unit; default: as many as the weight formats need")
                : null);
    }
}
