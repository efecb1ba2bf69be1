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
        this.points = CostPoint.Ordered(points, positive: true);
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
