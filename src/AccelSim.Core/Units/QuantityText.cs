using System.Globalization;
using System.Text.RegularExpressions;

namespace AccelSim.Units;

/// <summary>Splits "819 GB/s" into a number and a unit and scales it exactly, so "0.5 ns" is 500 ps with no float error.</summary>
internal static partial class QuantityText
{
    [GeneratedRegex(@"^\s*([-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)\s*([^\s0-9].*?)?\s*$")]
    private static partial Regex Pattern();

    /// <summary>
    /// Parses <paramref name="text"/> as a number followed by one of <paramref name="units"/> (unit name to how many base
    /// units it holds) and returns the value in base units, which must be a whole non-negative number.
    /// </summary>
    public static bool TryParse(string text, string what, IReadOnlyDictionary<string, decimal> units, out long value, out string error)
    {
        value = 0;
        Match match = Pattern().Match(text);
        string expected = $"expected {what} with a unit ({string.Join(", ", units.Keys)}), e.g. {Example(units)}";
        if (!match.Success)
        {
            error = $"'{text}' is not a quantity: {expected}";
            return false;
        }

        if (!match.Groups[2].Success)
        {
            error = $"'{text}' has no unit: {expected}";
            return false;
        }

        string unit = match.Groups[2].Value;
        if (!units.TryGetValue(unit, out decimal scale))
        {
            string? close = Text.Spelling.ClosestMatch(unit, units.Keys);
            error = $"unknown unit '{unit}' in '{text}': {expected}" + (close is null ? "" : $" (did you mean '{close}'?)");
            return false;
        }

        if (!decimal.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number))
        {
            error = $"'{text}' is out of range";
            return false;
        }

        if (number < 0)
        {
            error = $"'{text}' is negative: {what} cannot be";
            return false;
        }

        decimal scaled;
        try
        {
            scaled = number * scale;
        }
        catch (OverflowException)
        {
            error = $"'{text}' is out of range";
            return false;
        }

        if (scaled > long.MaxValue)
        {
            error = $"'{text}' is out of range";
            return false;
        }

        if (scaled != decimal.Truncate(scaled))
        {
            error = $"'{text}' is not a whole number of {units.First(u => u.Value == 1).Key}";
            return false;
        }

        value = (long)scaled;
        error = "";
        return true;
    }

    /// <summary>
    /// Parses a number and a unit as <see cref="TryParse"/> does, but into a real value in base units: for physical
    /// figures such as 0.0031 pJ, which no whole base unit fits.
    /// </summary>
    public static bool TryParseReal(string text, string what, IReadOnlyDictionary<string, double> units, out double value, out string error)
    {
        value = 0;
        Match match = Pattern().Match(text);
        string expected = $"expected {what} with a unit ({string.Join(", ", units.Keys)}), e.g. '1 {units.Keys.First()}'";
        if (!match.Success)
        {
            error = $"'{text}' is not a quantity: {expected}";
            return false;
        }

        if (!match.Groups[2].Success)
        {
            error = $"'{text}' has no unit: {expected}";
            return false;
        }

        string unit = match.Groups[2].Value;
        if (!units.TryGetValue(unit, out double scale))
        {
            string? close = Text.Spelling.ClosestMatch(unit, units.Keys);
            error = $"unknown unit '{unit}' in '{text}': {expected}" + (close is null ? "" : $" (did you mean '{close}'?)");
            return false;
        }

        if (!double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || !double.IsFinite(number))
        {
            error = $"'{text}' is out of range";
            return false;
        }

        if (number < 0)
        {
            error = $"'{text}' is negative: {what} cannot be";
            return false;
        }

        value = number * scale;
        error = "";
        return true;
    }

    private static string Example(IReadOnlyDictionary<string, decimal> units) => $"'1 {units.Keys.Last()}'";

    /// <summary>Prints a base-unit count with the largest unit that keeps the number at or above 1, up to 4 significant decimals.</summary>
    public static string Format(double value, IReadOnlyList<(string Unit, double Scale)> ladder)
    {
        (string unit, double scale) = ladder[0];
        foreach ((string u, double s) in ladder)
        {
            if (Math.Abs(value) >= s)
            {
                unit = u;
                scale = s;
            }
        }

        return $"{(value / scale).ToString("0.####", CultureInfo.InvariantCulture)} {unit}";
    }
}
