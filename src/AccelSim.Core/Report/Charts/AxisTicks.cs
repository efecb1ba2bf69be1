namespace AccelSim.Report.Charts;

/// <summary>Round ticks for log axes (ScottPlot's own serve linear ones): powers of ten, and 2×, 5× within a decade or two; and labels that read well.</summary>
internal static class AxisTicks
{
    /// <summary>Ticks for a log axis over positive [<paramref name="min"/>, <paramref name="max"/>]: decades, with 2 and 5 added when the range spans under three.</summary>
    public static IReadOnlyList<double> Log(double min, double max)
    {
        if (!(min > 0) || !double.IsFinite(max) || max < min)
        {
            return [1, 10];
        }

        int low = (int)Math.Floor(Math.Log10(min) + 1e-9), high = (int)Math.Ceiling(Math.Log10(max) - 1e-9);
        high = Math.Max(high, low + 1);
        double[] multiples = high - low < 3 ? [1, 2, 5] : [1];
        var ticks = new List<double>();
        for (int e = low; e <= high; e++)
        {
            foreach (double m in multiples)
            {
                double v = m * Math.Pow(10, e);
                if (e == high && m > 1)
                {
                    break;
                }

                ticks.Add(v);
            }
        }

        return ticks;
    }

    /// <summary>A tick label that reads well: thousands as k, M, G; small values with as many decimals as they need.</summary>
    public static string Label(double value)
    {
        double a = Math.Abs(value);
        (double scale, string suffix) = a >= 1e9 ? (1e9, "G") : a >= 1e6 ? (1e6, "M") : a >= 1e4 ? (1e3, "k") : (1, "");
        double v = value / scale;
        if (a != 0 && a < 1e-3)
        {
            return value.ToString("0.#e0", System.Globalization.CultureInfo.InvariantCulture);
        }

        return Math.Round(v, 6).ToString("#,0.######", System.Globalization.CultureInfo.InvariantCulture) + suffix;
    }
}
