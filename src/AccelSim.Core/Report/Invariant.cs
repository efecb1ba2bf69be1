using System.Globalization;

namespace AccelSim.Report;

/// <summary>Number text that is the same on every machine: invariant culture, round-trip or fixed decimals.</summary>
internal static class Invariant
{
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Number(double value, int decimals) => Math.Round(value, decimals).ToString($"0.{new string('#', decimals)}", CultureInfo.InvariantCulture);
}
