using System.Runtime.CompilerServices;

namespace AccelSim.Numerics;

/// <summary>
/// Every code of a narrow element format decoded once (<see cref="IElementFormat.Decode"/>), kept while the format
/// lives: decoding a tensor becomes a lookup per element instead of a call through the interface.
/// </summary>
internal static class DecodeTables
{
    /// <summary>Formats up to 16 bits get a table (512 KB at most); wider ones are decoded per element.</summary>
    private const int WidestTabled = 16;

    private static readonly ConditionalWeakTable<IElementFormat, double[]> Tables = [];

    /// <summary>The format's table, indexed by code (NaN where the format's own NaN is, or it has no such code); empty
    /// when the format is too wide to tabulate.</summary>
    public static ReadOnlySpan<double> Of(IElementFormat format) =>
        format.Bits > WidestTabled ? default : Tables.GetValue(format, Build);

    private static double[] Build(IElementFormat format)
    {
        var table = new double[1 << format.Bits];
        for (uint code = 0; code < table.Length; code++)
        {
            // A code the format does not have reads as NaN here; the caller decodes a NaN again, which throws for it.
            table[code] = format.IsCode(code) ? format.Decode(code) : double.NaN;
        }

        return table;
    }
}
