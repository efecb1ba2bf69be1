using AccelSim.Events;
using AccelSim.Memory;
using AccelSim.Units;
using AccelSim.Workloads;

namespace AccelSim.Accelerator;

/// <summary>
/// A moment of a run when nothing is held over: the dispatch of operation <see cref="Index"/> when every operation
/// before it has finished, none after it has started, no event is pending and no resource or memory keeps anything
/// that could change how it serves what comes next. With the counters of every resource and the memory then.
/// </summary>
internal sealed record IdleMoment(int Index, SimTime Time, long Events, ResourceCheckpoint[] Resources, MemoryCheckpoint Memory);

/// <summary>
/// Finds stretches of a run that repeat an earlier stretch exactly (the layers of a transformer, one after another), so
/// that the run accounts for them from the earlier one instead of simulating them again.
/// <para>
/// From an idle moment on, what happens depends only on the operations still to run, relative to that moment. Take
/// idle moments b and c (the stretch [b, c) between them was simulated or itself repeated) and p = c - b. If the
/// operations [c, c + p) are those of [b, c) one for one (same unit, shape, formats and repeat; the same dependencies
/// inside the stretch, shifted by p), then until something outside them can start, [c, c + p) runs exactly as [b, c)
/// did, c - b later in time. Operation e = c + p must then start as c did (same unit, same dependencies inside the
/// stretch) and be the only one that can: every operation after e waits for e or a later one. Then e's dispatch is
/// again an idle moment, and [c, e) ended as [b, c) did: every result, counter and backlog shifted by the same time.
/// </para>
/// </summary>
internal sealed class RepeatedStretches
{
    // Earlier idle moments kept, and how many of them (most recent first, starting with the same kind of operation)
    // are compared in full: a layer has a handful of idle moments, and its period is found at the first that matches.
    private const int Kept = 256;
    private const int Compared = 8;

    private readonly IReadOnlyList<IReadOnlyList<int>> dependencies;
    private readonly int[] kind;
    private readonly int[] unit;
    // For each position, the smallest over every later operation of its latest dependency: an operation e is the only
    // one that can start once all before it are done iff no later one depends on nothing from e on.
    private readonly int[] laterLatestDependency;
    private readonly List<IdleMoment> moments = [];

    public RepeatedStretches(OpGraph graph, Func<int, string> unitOf)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(unitOf);
        int count = graph.Order.Count;
        dependencies = graph.Dependencies;
        kind = new int[count];
        unit = new int[count];
        var kinds = new Dictionary<object, int>();
        var units = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string u = unitOf(i);
            object key = graph.Order[i] switch
            {
                GemmOp g => (u, g.M, g.N, g.K, g.Activation.Name, g.Weight.Name, g.Repeat, g.ActivationFile, g.WeightFile),
                VectorOp v => (u, v.Kind, v.Elements, v.Format.Name, v.Repeat),
                // An operation of a kind this does not know is like no other.
                Operation other => other,
            };
            kind[i] = kinds.TryGetValue(key, out int k) ? k : kinds[key] = kinds.Count;
            unit[i] = units.TryGetValue(u, out int n) ? n : units[u] = units.Count;
        }

        laterLatestDependency = new int[count + 1];
        laterLatestDependency[count] = int.MaxValue;
        for (int i = count - 1; i >= 0; i--)
        {
            int latest = dependencies[i].Count == 0 ? -1 : dependencies[i][^1];
            laterLatestDependency[i] = Math.Min(latest, laterLatestDependency[i + 1]);
        }
    }

    /// <summary>
    /// Records an idle moment and returns the earlier one whose stretch up to this moment the stretch starting here
    /// repeats, or null when none does.
    /// </summary>
    public IdleMoment? Record(IdleMoment now)
    {
        ArgumentNullException.ThrowIfNull(now);
        IdleMoment? template = null;
        for (int m = moments.Count - 1, compared = 0; m >= 0 && template is null && compared < Compared; m--)
        {
            if (kind[moments[m].Index] == kind[now.Index])
            {
                compared++;
                template = Repeats(moments[m].Index, now.Index) ? moments[m] : null;
            }
        }

        moments.Add(now);
        if (moments.Count > 2 * Kept)
        {
            moments.RemoveRange(0, Kept);
        }

        return template;
    }

    /// <summary>Whether the stretch of operations from <paramref name="c"/> repeats [<paramref name="b"/>, c), both idle moments.</summary>
    private bool Repeats(int b, int c)
    {
        int p = c - b, e = c + p, count = kind.Length;
        if (e > count)
        {
            return false;
        }

        for (int j = c; j < e; j++)
        {
            if (kind[j] != kind[j - p] || !SameDependencies(j, c, p))
            {
                return false;
            }
        }

        return e == count
            || (unit[e] == unit[c] && SameDependencies(e, c, p) && laterLatestDependency[e + 1] >= e);
    }

    /// <summary>Whether operation <paramref name="j"/> depends on the operations from <paramref name="from"/> on as operation j - p does on those from from - p on.</summary>
    private bool SameDependencies(int j, int from, int p)
    {
        IReadOnlyList<int> mine = dependencies[j], theirs = dependencies[j - p];
        int x = 0, y = 0;
        while (x < mine.Count && mine[x] < from)
        {
            x++;
        }

        while (y < theirs.Count && theirs[y] < from - p)
        {
            y++;
        }

        if (mine.Count - x != theirs.Count - y)
        {
            return false;
        }

        for (; x < mine.Count; x++, y++)
        {
            if (mine[x] - p != theirs[y])
            {
                return false;
            }
        }

        return true;
    }
}
