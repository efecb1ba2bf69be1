using AccelSim.Config.Yaml;
using AccelSim.Numerics;

namespace AccelSim.Hardware.Systolic;

/// <summary>The <c>kind: systolic</c> entry: keys <c>rows</c>, <c>columns</c>, <c>dataflow</c>.</summary>
public sealed class SystolicPeKind : IPeKind
{
    public const string Name = "systolic";

    public string Kind => Name;

    public string Summary => "R×C MAC array, weight-, output- or input-stationary (SCALE-Sim v2 timing)";

    public string? Unsupported(NumericFormat format, bool isWeight)
    {
        if (format.BlockSize is int block)
        {
            return $"{format.Name} has a scale every {block} elements along K, and a plain systolic array has no per-group "
                + "dequantization; use a per-tensor or per-channel format here";
        }

        if (format is GroupAffineFormat { IsSymmetric: false })
        {
            return $"{format.Name} has zero points, which need a correction term a plain systolic array does not have; use the -sym variant";
        }

        if (!format.Element.IsInteger && format is not CastFormat)
        {
            return $"{format.Name} is neither an integer nor a plain floating-point format";
        }

        return null;
    }

    public ComputeUnitConfig Read(MappingReader reader, ComputeUnitCommon common) => new SystolicPeConfig(
        common.Name,
        common.Count,
        common.Clock,
        common.ActivationFormats,
        common.WeightFormats,
        reader.Int("rows", 1, 4096, 1, required: true, meaning: "PE rows of the array"),
        reader.Int("columns", 1, 4096, 1, required: true, meaning: "PE columns of the array"),
        DataflowNames.ByName[reader.Choice("dataflow", [.. DataflowNames.ByName.Keys], "weight-stationary")]);
}
