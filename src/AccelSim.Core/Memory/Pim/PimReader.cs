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
        NumericFormat input = reader.Value<NumericFormat>("input_format", InputFormat, fp16);
        int accessBits = lanes * 16;
        IReadOnlyList<NumericFormat> formats = reader.List<NumericFormat>("formats",
            (string text, out NumericFormat value, out string error) => MatrixFormat(text, accessBits, out value, out error),
            required: true, meaning: "formats the matrix (KV cache or weights) may be stored in, e.g. [fp16, int8]");
        Frequency clock = reader.Value<Frequency>("clock", Frequency.TryParse, commandClock);
        PimMode mode = reader.Choice("mode", Modes, "blocked") == "blocked" ? PimMode.Blocked : PimMode.DualRowBuffer;
        if (placement == PimPlacement.PerBankPair && banks % 2 != 0)
        {
            reader.Error("placement", $"{banks} banks per channel do not pair up");
        }

        // Errors are in the diagnostics, which fail the load; the record is returned either way.
        return new PimConfig(placement, lanes, input, formats, clock, mode);
    }

    /// <summary>The lanes are 16 bits wide, so the broadcast vector is a 16-bit float: fp16 or bf16.</summary>
    private static bool InputFormat(string text, out NumericFormat value, out string error)
    {
        if (!NumericFormats.TryParseValue(text, out value, out error))
        {
            return false;
        }

        if (value.BlockSize is null && !value.Element.IsInteger && value.Element.Bits == 16)
        {
            return true;
        }

        error = $"the broadcast input vector is a 16-bit floating-point format (fp16, bf16), not {value.Name}";
        return false;
    }

    /// <summary>A matrix format a unit can read: one scale per matrix, and whole elements in each access.</summary>
    private static bool MatrixFormat(string text, int accessBits, out NumericFormat value, out string error)
    {
        if (!NumericFormats.TryParseValue(text, out value, out error))
        {
            return false;
        }

        if (value.BlockSize is int block)
        {
            int group = value.Name.IndexOf("-g", StringComparison.Ordinal);
            string plain = group > 0 ? value.Name[..group] : value.Element.Name;
            error = $"{value.Name} has a scale per {block} elements; a PIM unit holds one scale per matrix, so give a per-tensor format such as {plain}";
            return false;
        }

        if (accessBits % value.Element.Bits != 0)
        {
            error = $"{value.Name} elements ({value.Element.Bits} bits) do not fill a {accessBits}-bit access evenly";
            return false;
        }

        return true;
    }
}
