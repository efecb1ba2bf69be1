using System.Globalization;

namespace AccelSim.Report;

/// <summary>
/// Number text that is the same on every machine: invariant culture, round-trip or fixed decimals. Every figure a
/// report writes through it is a count, a size, a time, an energy or a rate, none of which can be negative or not a
/// number; one that is, is a bug caught here rather than a "NaN" or "-3" in a results file.
/// </summary>
internal static class Invariant
{
    public static string Number(long value) => value >= 0
        ? value.ToString(CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"a negative count ({value}) reached a report writer");

    public static string Number(double value, int decimals) => double.IsFinite(value) && value >= 0
        ? Math.Round(value, decimals).ToString($"0.{new string('#', decimals)}", CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"{value} reached a report writer, which writes only finite figures of zero or more");

    /// <summary>A finite figure that may be below zero: a ratio in dB (an SQNR under 0 dB is noise above the signal).</summary>
    public static string Signed(double value, int decimals) => double.IsFinite(value)
        ? Math.Round(value, decimals).ToString($"0.{new string('#', decimals)}", CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"{value} reached a report writer, which writes only finite figures");
}
