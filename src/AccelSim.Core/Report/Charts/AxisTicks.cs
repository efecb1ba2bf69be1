namespace AccelSim.Report.Charts;

/// <summary>Round tick values for a linear axis from zero: steps of 1, 2 or 5 times a power of ten, about five of them.</summary>
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
}
