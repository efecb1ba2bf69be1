namespace AccelSim.Cost;

/// <summary>
/// A cost that grows with a size measure, through the cited points: proportional to the size below the first point
/// (zero size costs nothing), linear between points, and along the last segment's slope beyond the last point (or
/// proportional when there is one point). Reproduces every cited point exactly and never decreases with size.
/// </summary>
public sealed class LinearRule
{
    private readonly CostPoint[] points;

    public LinearRule(IEnumerable<CostPoint> points)
    {
        this.points = [.. points.OrderBy(p => p.Size)];
        if (this.points.Length == 0)
        {
            throw new ArgumentException("A rule needs at least one point.", nameof(points));
        }

        for (int i = 0; i < this.points.Length; i++)
        {
            CostPoint p = this.points[i];
            if (p.Size <= 0 || p.Value < 0 || (i > 0 && (p.Size == this.points[i - 1].Size || p.Value < this.points[i - 1].Value)))
            {
                throw new ArgumentException("Points must have distinct positive sizes and costs that do not fall as size grows.", nameof(points));
            }
        }
    }

    public IReadOnlyList<CostPoint> Points => points;

    public double At(double size)
    {
        CostPoint first = points[0];
        if (size <= first.Size || points.Length == 1)
        {
            return first.Value * size / first.Size;
        }

        int i = 1;
        while (i < points.Length - 1 && size > points[i].Size)
        {
            i++;
        }

        CostPoint a = points[i - 1], b = points[i];
        return a.Value + ((b.Value - a.Value) * (size - a.Size) / (b.Size - a.Size));
    }

    public LinearRule Scaled(double factor) => new(points.Select(p => p with { Value = p.Value * factor }));
}
