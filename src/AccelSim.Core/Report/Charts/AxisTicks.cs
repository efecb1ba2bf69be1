namespace AccelSim.Report.Charts;

/// <summary>Round tick values: steps of 1, 2 or 5 times a power of ten on linear axes, powers of ten (and 2×, 5× within a decade or two) on log axes.</summary>
internal static class AxisTicks
{
    private static readonly double[] Steps = [1, 2, 5, 10];

    public static IReadOnlyList<double> From0(double max, int about = 5)
    {
        if (max <= 0 || !double.IsFinite(max))
        {
            return [0, 1];
        }

        double raw = max / about;
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = Steps.Select(m => m * power).First(s => s >= raw);
        int count = (int)Math.Ceiling(max / step - 1e-9);
        return [.. Enumerable.Range(0, count + 1).Select(i => i * step)];
    }

    /// <summary>Round ticks covering [<paramref name="min"/>, <paramref name="max"/>] on a linear axis: the first at or below min, the last at or above max.</summary>
    public static IReadOnlyList<double> Linear(double min, double max, int about = 5)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            return [0, 1];
        }

        if (max - min <= Math.Abs(max) * 1e-12)
        {
            double pad = max == 0 ? 1 : Math.Abs(max) * 0.1;
            (min, max) = (min - pad, max + pad);
        }

        double raw = (max - min) / about;
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = Steps.Select(m => m * power).First(s => s >= raw);
        double first = Math.Floor((min / step) + 1e-9) * step;
        int count = (int)Math.Ceiling(((max - first) / step) - 1e-9);
        return [.. Enumerable.Range(0, count + 1).Select(i => Math.Round(first + (i * step), 12))];
    }

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
