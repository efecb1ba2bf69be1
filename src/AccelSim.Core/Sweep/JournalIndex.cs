using System.Text;
using AccelSim.Config.Yaml;
using Microsoft.Win32.SafeHandles;

namespace AccelSim.Sweep;

/// <summary>
/// Where each point's line is in one or more journals, with its objective values: what a merge or a finished sweep
/// needs to write its points in order with the front marked, without holding the points themselves. Journals are
/// read as streams; a point in two of them is taken from the first read, and must have the same settings there
/// (compared by a hash of their text, which the index keeps instead of the text).
/// </summary>
internal sealed class JournalIndex(IReadOnlyList<SweepObjective> objectives)
{
    // One journal line: which journal, its first byte and length, and a hash of the point's settings.
    private readonly record struct Entry(int Index, int Journal, long Offset, int Bytes, int Key);

    private readonly List<string> journals = [];
    private readonly List<Entry> entries = [];
    // The objective values of each entry (NaN where missing or the point did not run), entry-major.
    private readonly List<double> values = [];
    private int[] kept = [];

    /// <summary>The points, once <see cref="Order"/> has run: their indices in ascending order.</summary>
    public IEnumerable<int> Indices => kept.Select(e => entries[e].Index);

    public int Count => kept.Length;

    /// <summary>Reads a journal's points (<see cref="ResultsJournal.ResultsOf"/>).</summary>
    public void Add(string journalPath, Diagnostics diagnostics)
    {
        int journal = journals.Count;
        journals.Add(journalPath);
        foreach ((long offset, int bytes, PointResult result) in ResultsJournal.ResultsOf(journalPath, diagnostics))
        {
            entries.Add(new Entry(result.Index, journal, offset, bytes, result.Key.GetHashCode(StringComparison.Ordinal)));
            foreach (SweepObjective objective in objectives)
            {
                values.Add(result.Status == PointResult.Ok ? result.Metric(objective.Metric) ?? double.NaN : double.NaN);
            }
        }
    }

    /// <summary>Puts the points in index order, the first line read of each kept; false (with errors) when two disagree on a point's settings.</summary>
    public bool Order(Diagnostics diagnostics)
    {
        int[] order = [.. Enumerable.Range(0, entries.Count)];
        Array.Sort(order, (a, b) => entries[a].Index != entries[b].Index ? entries[a].Index.CompareTo(entries[b].Index) : a.CompareTo(b));
        var keep = new List<int>(order.Length);
        bool ok = true;
        foreach (int e in order)
        {
            if (keep.Count > 0 && entries[keep[^1]].Index == entries[e].Index)
            {
                if (entries[keep[^1]].Key != entries[e].Key)
                {
                    diagnostics.Add(new SourceLocation(journals[entries[e].Journal], 1, 1), "", $"point {entries[e].Index} has other settings than in an earlier directory");
                    ok = false;
                }

                continue;
            }

            keep.Add(e);
        }

        kept = [.. keep];
        return ok;
    }

    /// <summary>Which of the points (in index order) are on the Pareto front.</summary>
    public bool[] Front()
    {
        int d = objectives.Count;
        double?[][] points = [.. kept.Select(e => Enumerable.Range(0, d).Select(k => values[(e * d) + k]).Select(v => double.IsNaN(v) ? (double?)null : v).ToArray())];
        return ParetoFront.NonDominated(points, [.. objectives.Select(o => o.Maximize)]);
    }

    /// <summary>The points read again in index order, each marked as <paramref name="front"/> says (null: as its line says).</summary>
    public IEnumerable<PointResult> Read(bool[]? front)
    {
        SafeFileHandle[] handles = [.. journals.Select(j => File.OpenHandle(j))];
        try
        {
            byte[] buffer = [];
            for (int i = 0; i < kept.Length; i++)
            {
                Entry entry = entries[kept[i]];
                if (buffer.Length < entry.Bytes)
                {
                    buffer = new byte[Math.Max(entry.Bytes, 2 * buffer.Length)];
                }

                RandomAccess.Read(handles[entry.Journal], buffer.AsSpan(0, entry.Bytes), entry.Offset);
                PointResult result = ResultsJournal.ParseLine(Encoding.UTF8.GetString(buffer, 0, entry.Bytes))!;
                yield return front is null ? result : result with { Pareto = front[i] };
            }
        }
        finally
        {
            foreach (SafeFileHandle handle in handles)
            {
                handle.Dispose();
            }
        }
    }
}
