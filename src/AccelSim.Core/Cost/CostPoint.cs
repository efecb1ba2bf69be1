namespace AccelSim.Cost;

/// <summary>One cited figure a rule is fit to: at <see cref="Size"/> (a width, a product of widths, a capacity) it costs <see cref="Value"/>.</summary>
public readonly record struct CostPoint(double Size, double Value)
{
    /// <summary>
    /// The points in order of size, checked as every rule needs them: at least one, distinct positive sizes, costs
    /// that are not negative (positive when <paramref name="positive"/>) and do not fall as size grows.
    /// </summary>
    public static CostPoint[] Ordered(IEnumerable<CostPoint> points, bool positive)
    {
        ArgumentNullException.ThrowIfNull(points);
        CostPoint[] ordered = [.. points.OrderBy(p => p.Size)];
        if (ordered.Length == 0)
        {
            throw new ArgumentException("A rule needs at least one point.", nameof(points));
        }

        for (int i = 0; i < ordered.Length; i++)
        {
            CostPoint p = ordered[i];
            if (p.Size <= 0 || p.Value < 0 || (positive && p.Value == 0) || (i > 0 && (p.Size == ordered[i - 1].Size || p.Value < ordered[i - 1].Value)))
            {
                throw new ArgumentException("Points must have distinct positive sizes and costs that do not fall as size grows.", nameof(points));
            }
        }

        return ordered;
    }
}
