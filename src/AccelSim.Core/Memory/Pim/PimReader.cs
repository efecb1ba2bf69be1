using AccelSim.Config.Yaml;
using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Memory.Pim;

/// <summary>
/// Reads the <c>pim:</c> block of a bank-timed HBM: <c>placement</c> (per-bank or per-bank-pair), <c>lanes</c>,
/// <c>input_format</c>, <c>formats</c>, <c>clock</c> (default: the memory's command clock) and <c>mode</c>
/// (blocked or dual-row-buffer).
/// </summary>
public static class PimReader
{
    private static readonly string[] Placements = ["per-bank", "per-bank-pair"];
    private static readonly string[] Modes = ["blocked", "dual-row-buffer"];

    public static PimConfig Read(MappingReader reader, Frequency commandClock, int banks)
    {
        ArgumentNullException.ThrowIfNull(reader);
        PimPlacement placement = reader.Choice("placement", Placements, "per-bank", meaning: "one MAC unit per bank or per pair of banks") == "per-bank"
            ? PimPlacement.PerBank
            : PimPlacement.PerBankPair;
        int lanes = reader.Int("lanes", 1, 256, 16, meaning: "16-bit lanes per MAC unit");
        NumericFormat fp16 = NumericFormats.Parse("fp16");
        NumericFormat input = reader.Value<NumericFormat>("input_format", NumericFormats.TryParseValue, fp16);
        IReadOnlyList<NumericFormat> formats = reader.List<NumericFormat>("formats", NumericFormats.TryParseValue, required: true, meaning: "formats the matrix (KV cache or weights) may be stored in, e.g. [fp16, int8]");
        Frequency clock = reader.Value<Frequency>("clock", Frequency.TryParse, commandClock);
        PimMode mode = reader.Choice("mode", Modes, "blocked") == "blocked" ? PimMode.Blocked : PimMode.DualRowBuffer;
        if (placement == PimPlacement.PerBankPair && banks % 2 != 0)
        {
            reader.Error("placement", $"{banks} banks per channel do not pair up");
        }

        int accessBits = lanes * 16;
        foreach (NumericFormat format in formats)
        {
            if (format.BlockSize is int block)
            {
                reader.Error("formats", $"{format.Name} has a scale per {block} elements; a PIM unit holds one scale per matrix, so give a per-tensor format such as {format.Element.Name.Split('-')[0]}");
            }
            else if (accessBits % format.Element.Bits != 0)
            {
                reader.Error("formats", $"{format.Name} elements ({format.Element.Bits} bits) do not fill a {accessBits}-bit access evenly");
            }
        }

        if (input.BlockSize is not null || !input.Element.Name.StartsWith("fp", StringComparison.Ordinal) && input.Element.Name != "bf16")
        {
            reader.Error("input_format", $"the broadcast input vector is a floating-point element format (fp16, bf16), not {input.Name}");
        }

        // Errors are in the diagnostics, which fail the load; the record is returned either way.
        return new PimConfig(placement, lanes, input, formats, clock, mode);
    }
}
