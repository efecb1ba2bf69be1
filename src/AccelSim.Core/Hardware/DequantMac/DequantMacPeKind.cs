using AccelSim.Config.Yaml;
using AccelSim.Numerics;

namespace AccelSim.Hardware.DequantMac;

/// <summary>The <c>kind: dequant-mac</c> entry: keys <c>rows</c>, <c>columns</c>, <c>dot_width</c>, <c>dequant_lanes</c>.</summary>
public sealed class DequantMacPeKind : IPeKind
{
    public const string Name = "dequant-mac";

    public string Kind => Name;

    public string Summary => "FP16 MAC array that dequantizes each low-bit weight to FP16 in the main loop (the GPU baseline)";

    public string? Unsupported(NumericFormat format, bool isWeight)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (!isWeight)
        {
            return format.Name == "fp16" ? null : $"activations enter the FP16 MACs as they are, so they must be fp16, not {format.Name}";
        }

        return format.Element is MiniFloatFormat { Bits: > 16 }
            ? $"{format.Name} is wider than the FP16 it would be dequantized to"
            : null;
    }

    public ComputeUnitConfig Read(MappingReader reader, ComputeUnitCommon common)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(common);
        int columns = reader.Int("columns", 1, 4096, 1, required: true, meaning: "PE columns of the array");
        int dot = reader.Int("dot_width", 1, 16, 1, meaning: "FP16 products each PE sums per cycle into one FP32 accumulation (4: a tensor core's DP4); default 1");
        return new DequantMacPeConfig(
            common.Name,
            common.Count,
            common.Clock,
            common.ActivationFormats,
            common.WeightFormats,
            reader.Int("rows", 1, 4096, 1, required: true, meaning: "PE rows of the array"),
            columns,
            reader.Int("dequant_lanes", 1, 65536, columns * dot, meaning: "weights dequantized per cycle; default: as many as the columns take, columns × dot_width"),
            dot);
    }
}
