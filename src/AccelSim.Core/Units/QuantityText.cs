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
        if (!Split(text, what, units.Keys, $"'1 {units.Keys.Last()}'", out string digits, out string unit, out error))
        {
            return false;
        }

        decimal scale = units[unit];
        if (!decimal.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number))
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
        if (!Split(text, what, units.Keys, $"'1 {units.Keys.First()}'", out string digits, out string unit, out error))
        {
            return false;
        }

        double scale = units[unit];
        if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || !double.IsFinite(number))
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

    /// <summary>Splits a quantity into its number text and a unit that is one of <paramref name="unitNames"/>, or says what is wrong.</summary>
    private static bool Split(string text, string what, IEnumerable<string> unitNames, string example, out string number, out string unit, out string error)
    {
        number = unit = "";
        Match match = Pattern().Match(text);
        string expected = $"expected {what} with a unit ({string.Join(", ", unitNames)}), e.g. {example}";
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

        unit = match.Groups[2].Value;
        if (!unitNames.Contains(unit))
        {
            string? close = Text.Spelling.ClosestMatch(unit, unitNames);
            error = $"unknown unit '{unit}' in '{text}': {expected}" + (close is null ? "" : $" (did you mean '{close}'?)");
            return false;
        }

        number = match.Groups[1].Value;
        error = "";
        return true;
    }

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
