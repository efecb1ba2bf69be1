namespace AccelSim.Sweep;

/// <summary>
/// The non-dominated set of points under N objectives, each minimized or maximized. A point is on the front unless
/// another is at least as good in every objective and better in one; equal points do not dominate each other, so
/// duplicates are on the front together. A point missing an objective (null, NaN) is never on it.
/// </summary>
public static class ParetoFront
{
    public static bool[] NonDominated(IReadOnlyList<double?[]> points, IReadOnlyList<bool> maximize)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(maximize);
        int n = points.Count, d = maximize.Count;
        // Turned into "smaller is better" once, so the comparisons below have one direction.
        double[][] cost = new double[n][];
        bool[] valid = new bool[n];
        for (int i = 0; i < n; i++)
        {
            cost[i] = new double[d];
            valid[i] = points[i].Length == d;
            for (int k = 0; valid[i] && k < d; k++)
            {
                double v = points[i][k] ?? double.NaN;
                valid[i] = !double.IsNaN(v);
                cost[i][k] = maximize[k] ? -v : v;
            }
        }

        // Sorted lexicographically (smaller is better in every objective), no point can dominate one before it: a
        // point is on the front iff no front point found before it dominates it (one that dominates it through a
        // dominated point does so directly). O(n log n + n·F) for a front of F points, not all n² pairs.
        int[] order = [.. Enumerable.Range(0, n).Where(i => valid[i])];
        Array.Sort(order, (x, y) =>
        {
            for (int k = 0; k < d; k++)
            {
                int c = cost[x][k].CompareTo(cost[y][k]);
                if (c != 0)
                {
                    return c;
                }
            }

            return x.CompareTo(y);
        });
        bool[] front = new bool[n];
        var found = new List<double[]>();
        foreach (int i in order)
        {
            bool dominated = false;
            // The latest front points first: in sorted order they are the nearest, so the likeliest to dominate.
            for (int f = found.Count - 1; f >= 0 && !dominated; f--)
            {
                dominated = Dominates(found[f], cost[i]);
            }

            if (!dominated)
            {
                front[i] = true;
                found.Add(cost[i]);
            }
        }

        return front;
    }

    private static bool Dominates(double[] a, double[] b)
    {
        bool better = false;
        for (int k = 0; k < a.Length; k++)
        {
            if (a[k] > b[k])
            {
                return false;
            }

            better |= a[k] < b[k];
        }

        return better;
    }
}
