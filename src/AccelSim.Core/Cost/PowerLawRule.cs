namespace AccelSim.Cost;

/// <summary>
/// A cost that follows a power law of a size between cited points: straight lines on log-log axes through each
/// pair of neighbouring points, the end segments extended beyond them, a constant with one point. Used for SRAM
/// energy per bit against capacity, which CACTI and Horowitz's figures show growing roughly as its square root.
/// </summary>
public sealed class PowerLawRule
{
    private readonly CostPoint[] points;

    public PowerLawRule(IEnumerable<CostPoint> points)
    {
        this.points = [.. points.OrderBy(p => p.Size)];
        if (this.points.Length == 0)
        {
            throw new ArgumentException("A rule needs at least one point.", nameof(points));
        }

        for (int i = 0; i < this.points.Length; i++)
        {
            CostPoint p = this.points[i];
            if (p.Size <= 0 || p.Value <= 0 || (i > 0 && (p.Size == this.points[i - 1].Size || p.Value < this.points[i - 1].Value)))
            {
                throw new ArgumentException("Points must have distinct positive sizes and positive costs that do not fall as size grows.", nameof(points));
            }
        }
    }

    public IReadOnlyList<CostPoint> Points => points;

    public double At(double size)
    {
        if (points.Length == 1)
        {
            return points[0].Value;
        }

        int i = 1;
        while (i < points.Length - 1 && size > points[i].Size)
        {
            i++;
        }

        CostPoint a = points[i - 1], b = points[i];
        double exponent = Math.Log(b.Value / a.Value) / Math.Log(b.Size / a.Size);
        return a.Value * Math.Pow(Math.Max(size, 1) / a.Size, exponent);
    }

    public PowerLawRule Scaled(double factor) => new(points.Select(p => p with { Value = p.Value * factor }));
}
