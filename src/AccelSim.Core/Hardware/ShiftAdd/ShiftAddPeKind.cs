using AccelSim.Config.Yaml;
using AccelSim.Numerics;

namespace AccelSim.Hardware.ShiftAdd;

/// <summary>The <c>kind: shift-add</c> entry (MixPE): keys <c>rows</c>, <c>columns</c>, <c>gemv_split</c>; weights INT2-4 in groups (group-wise formats start at 2 bits), activations INT up to 8 bits or FP16/FP8 in fixed point.</summary>
public sealed class ShiftAddPeKind : IPeKind
{
    public const string Name = "shift-add";

    public string Kind => Name;

    public string Summary => "shift-and-add PEs for low-bit weights, integer partial sums dequantized once per group (MixPE)";

    public string? Unsupported(NumericFormat format, bool isWeight)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (!isWeight)
        {
            return ActivationFixedPoint.Unsupported(format);
        }

        return format is GroupAffineFormat { Scope: GroupScope.Group, Bits: <= 4 }
            ? null
            : "weights must be group-wise INT2-4 (such as int4-g128 or int2-g64-sym), "
                + $"whose partial sums are dequantized once per group; {format.Name} is not";
    }

    public ComputeUnitConfig Read(MappingReader reader, ComputeUnitCommon common)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(common);
        return new ShiftAddPeConfig(
            common.Name,
            common.Count,
            common.Clock,
            common.ActivationFormats,
            common.WeightFormats,
            reader.Int("rows", 1, 4096, 1, required: true, meaning: "PE rows of the array"),
            reader.Int("columns", 1, 4096, 1, required: true, meaning: "PE columns of the array"),
            reader.Bool("gemv_split", false));
    }
}
