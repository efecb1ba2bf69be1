using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using AccelSim.Text;

namespace AccelSim.Numerics;

/// <summary>Every tensor format by name: element casts, scaled integers, MX, NVFP4 and group-wise affine INT.</summary>
public static partial class NumericFormats
{
    private static readonly Dictionary<string, NumericFormat> Fixed = BuildFixed();

    /// <summary>The group-wise names listed in help and the formats table (any int2..int8 with any group size parses).</summary>
    public static IReadOnlyList<string> GroupExamples { get; } =
        ["int4-g128", "int4-g128-sym", "int3-g128", "int2-g64", "int8-g128", "int4-gch", "int8-gch-sym", "int4-gtensor", "bitmod4-g128", "bitmod3-g128"];

    /// <summary>Fixed names first, then group-wise examples, in table order.</summary>
    public static IReadOnlyList<NumericFormat> Listed { get; } =
        [.. Fixed.Values, .. GroupExamples.Select(name => Parse(name))];

    public static NumericFormat Parse(string name) =>
        TryParse(name, out NumericFormat? format, out string? error) ? format : throw new FormatException(error);

    /// <summary>
    /// <see cref="TryParse(string, out NumericFormat?, out string?)"/> in the shape the YAML reader takes: never-null
    /// outputs, INT8 standing in for a name that does not parse (the error says why).
    /// </summary>
    public static bool TryParseValue(string name, out NumericFormat format, out string error)
    {
        bool ok = TryParse(name, out NumericFormat? parsed, out string? why);
        format = parsed ?? Parse("int8");
        error = why ?? "";
        return ok;
    }

    public static bool TryParse(string name, [NotNullWhen(true)] out NumericFormat? format, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.Trim().ToLowerInvariant();
        if (Fixed.TryGetValue(key, out format))
        {
            error = null;
            return true;
        }

        if (key == "int1")
        {
            error = $"'{name}' holds only −1 and 0 (two's complement), so no scale maps data onto it; as a tensor format use binary (±1, one absmean scale) or uint1";
            return false;
        }

        Match mixture = BitModPattern().Match(key);
        if (mixture.Success)
        {
            int size = int.Parse(mixture.Groups["group"].Value, CultureInfo.InvariantCulture);
            format = size >= 1 ? new BitModFormat(mixture.Groups["bits"].Value == "4" ? 4 : 3, size) : null;
            error = format is null ? $"'{name}': the group size must be a positive whole number." : null;
            return format is not null;
        }

        Match match = GroupPattern().Match(key);
        if (match.Success)
        {
            int bits = int.Parse(match.Groups["bits"].Value, CultureInfo.InvariantCulture);
            string group = match.Groups["group"].Value;
            bool symmetric = match.Groups["sym"].Success;
            if (bits is < 2 or > 8)
            {
                format = null;
                error = $"'{name}': group-wise formats take 2 to 8 bits.";
                return false;
            }

            if (group is "ch" or "tensor")
            {
                format = new GroupAffineFormat(bits, group == "ch" ? GroupScope.Channel : GroupScope.Tensor, 0, symmetric);
                error = null;
                return true;
            }

            if (!int.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size < 1)
            {
                format = null;
                error = $"'{name}': the group size must be a positive whole number, 'ch' or 'tensor'.";
                return false;
            }

            format = new GroupAffineFormat(bits, GroupScope.Group, size, symmetric);
            error = null;
            return true;
        }

        IEnumerable<string> known = Fixed.Keys.Concat(GroupExamples);
        string? suggestion = Spelling.ClosestMatch(key, known);
        error = $"unknown format '{name}'"
            + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)")
            + $". Valid formats: {string.Join(", ", Fixed.Keys)}, group-wise intN-gSIZE[-sym] and BitMoD's bitmod3-gSIZE/bitmod4-gSIZE, such as {string.Join(", ", GroupExamples)}.";
        format = null;
        return false;
    }

    private static Dictionary<string, NumericFormat> BuildFixed()
    {
        var formats = new Dictionary<string, NumericFormat>(StringComparer.Ordinal);
        // INT1 (two's complement: −1 and 0) has no positive value for a scale to map data onto: an element format only.
        foreach (IElementFormat element in ElementFormats.All.Where(e => e is not IntFormat { IsSigned: true, Bits: 1 }))
        {
            formats[element.Name] = element switch
            {
                // A bare signed integer name means a symmetric per-tensor scaled integer, the usual "INT8".
                IntFormat { IsSigned: true, IsNarrow: false, Bits: >= 2 } i => new ScaledIntFormat(i.Name, ElementFormats.Symmetric(i.Bits), absMean: false),
                IntFormat i when ReferenceEquals(i, ElementFormats.Ternary) => new ScaledIntFormat(i.Name, i, absMean: true),
                BinaryFormat b => new ScaledIntFormat(b.Name, b, absMean: true),
                IntFormat i => new ScaledIntFormat(i.Name, i, absMean: false),
                _ => new CastFormat(element),
            };
        }

        formats["mxfp8-e4m3"] = new MxFormat("mxfp8-e4m3", ElementFormats.Fp8E4M3);
        formats["mxfp8-e5m2"] = new MxFormat("mxfp8-e5m2", ElementFormats.Fp8E5M2);
        formats["mxfp6-e3m2"] = new MxFormat("mxfp6-e3m2", ElementFormats.Fp6E3M2);
        formats["mxfp6-e2m3"] = new MxFormat("mxfp6-e2m3", ElementFormats.Fp6E2M3);
        formats["mxfp4"] = new MxFormat("mxfp4", ElementFormats.Fp4E2M1);
        formats["mxint8"] = new MxFormat("mxint8", ElementFormats.Symmetric(8), elementScaleExponent: -6);
        formats["nvfp4"] = new NvFp4Format();
        return formats;
    }

    [GeneratedRegex(@"^int(?<bits>\d+)-g(?<group>[a-z0-9]+)(?<sym>-sym)?$", RegexOptions.CultureInvariant)]
    private static partial Regex GroupPattern();

    [GeneratedRegex(@"^bitmod(?<bits>[34])-g(?<group>\d{1,6})$", RegexOptions.CultureInvariant)]
    private static partial Regex BitModPattern();
}
