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
        this.points = CostPoint.Ordered(points, positive: false);
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
