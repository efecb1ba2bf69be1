namespace AccelSim.Sweep;

/// <summary>
/// Runs design points on up to <c>jobs</c> threads, handing each result to the journal as it finishes. Points are
/// independent and seeded alike, so a point's result does not depend on which thread ran it or when; the journal's
/// final rewrite puts them in point order.
/// </summary>
public static class SweepRunner
{
    /// <summary>Whether point <paramref name="index"/> belongs to shard <paramref name="shard"/> (1-based) of <paramref name="count"/>.</summary>
    public static bool InShard(int index, int shard, int count) => index % count == shard - 1;

    public static void Run(SweepSpec spec, IEnumerable<SweepPoint> points, int jobs, Action<PointResult> finished, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(finished);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = cancel };
        Parallel.ForEach(points, options, point => finished(PointEvaluator.Evaluate(spec, point)));
    }
}
