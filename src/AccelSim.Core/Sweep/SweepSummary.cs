namespace AccelSim.Sweep;

/// <summary>
/// What a finished sweep (or a merge) reports: how many points ran, broke a constraint or failed, the points on the
/// Pareto front, the failed ones (for their reasons), and the objectives no point that ran has a value for.
/// </summary>
public sealed record SweepSummary(int Points, int Ok, int Failed, int Infeasible, IReadOnlyList<PointResult> Front, IReadOnlyList<PointResult> Failures,
    IReadOnlyList<SweepObjective> Unmeasured)
{
    /// <summary>Builds a summary one result at a time, keeping only the front and the failures.</summary>
    public sealed class Tally(IReadOnlyList<SweepObjective> objectives)
    {
        private readonly bool[] measured = new bool[objectives.Count];
        private readonly List<PointResult> front = [];
        private readonly List<PointResult> failures = [];
        private int points, ok, infeasible;

        public void Add(PointResult r)
        {
            ArgumentNullException.ThrowIfNull(r);
            points++;
            switch (r.Status)
            {
                case PointResult.Ok:
                    ok++;
                    for (int k = 0; k < measured.Length; k++)
                    {
                        measured[k] |= r.Metric(objectives[k].Metric) is not null;
                    }

                    break;
                case PointResult.Failed:
                    failures.Add(r);
                    break;
                case PointResult.Infeasible:
                    infeasible++;
                    break;
            }

            if (r.Pareto)
            {
                front.Add(r);
            }
        }

        public SweepSummary Summary() => new(points, ok, failures.Count, infeasible, front, failures,
            ok == 0 ? [] : [.. objectives.Where((_, k) => !measured[k])]);
    }
}
