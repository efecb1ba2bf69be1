namespace AccelSim.Sweep;

/// <summary>
/// Runs design points on up to <c>jobs</c> threads, handing each result to the journal as it finishes. Points are
/// independent and seeded alike, so a point's result does not depend on which thread ran it or when; the journal's
/// final rewrite puts them in point order.
/// </summary>
public static class SweepRunner
{
    /// <summary>Which points a shard runs: every <paramref name="count"/>-th, starting at the <paramref name="shard"/>-th (1-based).</summary>
    public static IReadOnlyList<SweepPoint> Shard(IReadOnlyList<SweepPoint> points, int shard, int count)
    {
        ArgumentNullException.ThrowIfNull(points);
        return [.. points.Where(p => p.Index % count == shard - 1)];
    }

    public static void Run(SweepSpec spec, IReadOnlyList<SweepPoint> points, int jobs, Action<PointResult> finished, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(finished);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = cancel };
        Parallel.ForEach(points, options, point => finished(Evaluate(spec, point)));
    }

    /// <summary>
    /// One point; an exception inside the models (a bug, not bad input, which <see cref="PointEvaluator"/> reports as
    /// errors) is recorded as the point's failure so the other points still run.
    /// </summary>
    private static PointResult Evaluate(SweepSpec spec, SweepPoint point)
    {
        try
        {
            return PointEvaluator.Evaluate(spec, point);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            return new PointResult(point.Index, point.Key(spec), point.Design.Written, point.Workload.Written, [.. point.Values.Select(v => v.Text)],
                Path.GetFileNameWithoutExtension(point.Design.Path), "", PointResult.Failed, $"internal error: {e.GetType().Name}: {e.Message}",
                new Dictionary<string, double?>());
        }
    }
}
