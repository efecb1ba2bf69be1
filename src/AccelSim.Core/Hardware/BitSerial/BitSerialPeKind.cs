using AccelSim.Config.Yaml;
using AccelSim.Numerics;

namespace AccelSim.Hardware.BitSerial;

/// <summary>
/// The <c>kind: bit-serial</c> entry (Stripes, BitMoD): keys <c>rows</c>, <c>columns</c>, <c>dot_width</c> and
/// <c>bits_per_cycle</c>. Weights are integers of up to 8 bits (per tensor, per channel or per group) or BitMoD's
/// mixture of datatypes; activations are integers of up to 8 bits or FP16/FP8 held in fixed point.
/// </summary>
public sealed class BitSerialPeKind : IPeKind
{
    public const string Name = "bit-serial";

    public string Kind => Name;

    public string Summary => "bit-serial weights (1 or 2 bits per cycle), dot-product PEs, per-group dequantization (Stripes, BitMoD)";

    public string? Unsupported(NumericFormat format, bool isWeight)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (!isWeight)
        {
            return ActivationFixedPoint.Unsupported(format);
        }

        return format is ScaledIntFormat { Element.Bits: <= 8 } or GroupAffineFormat or BitModFormat
            ? null
            : $"weights must be integers of up to 8 bits (such as int4, int4-g128, ternary) or BitMoD's bitmod3/bitmod4 "
                + $"mixtures, whose bits the PE takes serially; {format.Name} is not";
    }

    public ComputeUnitConfig Read(MappingReader reader, ComputeUnitCommon common)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(common);
        return new BitSerialPeConfig(
            common.Name,
            common.Count,
            common.Clock,
            common.ActivationFormats,
            common.WeightFormats,
            reader.Int("rows", 1, 4096, 1, required: true, meaning: "PE rows of the array"),
            reader.Int("columns", 1, 4096, 1, required: true, meaning: "PE columns of the array"),
            reader.Int("dot_width", 1, 64, 4, meaning: "products each PE sums per step; default 4, as BitMoD's PE"),
            reader.Int("bits_per_cycle", 1, 2, 2, meaning: "weight bits a PE takes per cycle: 1 (Stripes-like) or 2 (BitMoD)"),
            reader.Bool("gemv_split", false));
    }
}
