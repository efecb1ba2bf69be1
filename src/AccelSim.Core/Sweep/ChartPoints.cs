using AccelSim.Config.Yaml;
using MathNet.Numerics.Random;

namespace AccelSim.Sweep;

/// <summary>
/// The points a sweep's chart draws, read from its journal as a stream: every point that ran and is on the front,
/// and of the others that ran all of them, or, past <c>limit</c>, a seeded uniform sample (the same every time), in
/// point order; with the counts of the whole, so the chart can say what it left out.
/// </summary>
public sealed record ChartPoints(IReadOnlyList<PointResult> Points, int Total, int Failed, int Infeasible, int OffFront)
{
    /// <summary>Points off the front drawn at most: a million markers draw as one blot anyway.</summary>
    public const int DefaultLimit = 20_000;

    /// <summary>How many of the points off the front are drawn.</summary>
    public int OffFrontDrawn => Points.Count(p => !p.Pareto);

    /// <summary>Whether the points off the front are a sample of them.</summary>
    public bool Sampled => OffFrontDrawn < OffFront;

    public static (SweepManifest? Manifest, ChartPoints Points) Read(string directory, Diagnostics diagnostics, int limit = DefaultLimit)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(diagnostics);
        SweepManifest? manifest = ResultsJournal.ManifestOf(directory, diagnostics);
        if (manifest is null)
        {
            return (null, new ChartPoints([], 0, 0, 0, 0));
        }

        var front = new List<PointResult>();
        // Reservoir sampling (Algorithm R): after k points off the front, each is kept with probability limit / k.
        var reservoir = new List<PointResult>();
        var random = new Xoshiro256StarStar(1, threadSafe: false);
        int total = 0, failed = 0, infeasible = 0, offFront = 0;
        foreach ((_, _, PointResult r) in ResultsJournal.ResultsOf(Path.Combine(directory, ResultsJournal.JournalFile), diagnostics))
        {
            total++;
            failed += r.Status == PointResult.Failed ? 1 : 0;
            infeasible += r.Status == PointResult.Infeasible ? 1 : 0;
            if (r.Status != PointResult.Ok)
            {
                continue;
            }

            if (r.Pareto)
            {
                front.Add(r);
                continue;
            }

            offFront++;
            if (reservoir.Count < limit)
            {
                reservoir.Add(r);
            }
            else if (random.Next(offFront) is int slot && slot < limit)
            {
                reservoir[slot] = r;
            }
        }

        return (manifest, new ChartPoints([.. front.Concat(reservoir).OrderBy(p => p.Index)], total, failed, infeasible, offFront));
    }
}
