using AccelSim.Config.Yaml;
using AccelSim.Numerics;

namespace AccelSim.Hardware.Systolic;

/// <summary>
/// The <c>kind: systolic</c> entry: keys <c>rows</c>, <c>columns</c>, <c>dataflow</c> (one, or a list), <c>preload</c>,
/// <c>partial_sum_bits</c>.
/// </summary>
public sealed class SystolicPeKind : IPeKind
{
    public const string Name = "systolic";

    private const string Serial = "serial";
    private const string Overlapped = "overlapped";
    private static readonly string[] Preloads = [Serial, Overlapped];

    public string Kind => Name;

    public string Summary => "R×C MAC array, weight-, output- or input-stationary or several of them (SCALE-Sim v2 timing)";

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

    public ComputeUnitConfig Read(MappingReader reader, ComputeUnitCommon common)
    {
        int rows = reader.Int("rows", 1, 4096, 1, required: true, meaning: "PE rows of the array");
        int columns = reader.Int("columns", 1, 4096, 1, required: true, meaning: "PE columns of the array");
        // Several dataflows make an array whose PEs can take any of them, as flexible accelerators do; the mapper picks per GEMM.
        Dataflow[] dataflows = [.. reader.List<string>("dataflow", (string text, out string value, out string error) =>
                MappingReader.ParseChoice(text, [.. DataflowNames.ByName.Keys], out value, out error),
                meaning: "weight-stationary, output-stationary or input-stationary, or a list of them for an array that can run each")
            .Select(name => DataflowNames.ByName[name]).Distinct().DefaultIfEmpty(Dataflow.WeightStationary)];
        Dataflow dataflow = dataflows[0];
        bool overlapped = reader.Choice("preload", Preloads, Serial, meaning: "how the stationary operand is loaded: serial (SCALE-Sim) or overlapped") == Overlapped;
        if (overlapped && dataflows.All(d => d == Dataflow.OutputStationary))
        {
            // Not an error, so that a sweep over the dataflow of a design that overlaps its preload runs every point.
            common.Notes.Add("preload: overlapped has no effect output-stationary, which preloads no operand");
            overlapped = false;
        }

        int word = reader.Int("partial_sum_bits", 8, SystolicPe.PartialSumBits, SystolicPe.PartialSumBits,
            meaning: "bits of each partial sum or output word the array moves to and from its output buffer (SCALE-Sim's word is 8)");
        return new SystolicPeConfig(common.Name, common.Count, common.Clock, common.ActivationFormats, common.WeightFormats,
            rows, columns, dataflow, overlapped, word, dataflows.Length > 1 ? dataflows[1..] : null);
    }
}
