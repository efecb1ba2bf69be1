using System.Text;
using AccelSim.Config.Yaml;
using Microsoft.Win32.SafeHandles;

namespace AccelSim.Sweep;

/// <summary>
/// Joins the results directories of one sweep (its shards, or interrupted runs) into one, in point order with the
/// Pareto front marked, without holding every result: a first pass reads each journal as a stream and keeps, per
/// point, where its line is and its objective values (the index); the front is computed on those; a second pass reads
/// the lines again in point order and writes them out. A point in two directories is taken from the first, and must
/// have the same settings there.
/// </summary>
public static class ResultsMerge
{
    /// <summary>The merged sweep: its manifest, what it holds, the shards that went in (I/N), and the points' indices in order.</summary>
    public sealed record Merged(SweepManifest Manifest, SweepSummary Summary, IReadOnlyList<string> Shards, int[] Indices);

    // Where one point's line is: which journal, its first byte and its length, and a hash of its settings.
    private readonly record struct Entry(int Index, int Journal, long Offset, int Bytes, int Key, int Order);

    public static Merged? Run(IReadOnlyList<string> directories, string outDirectory, Diagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(directories);
        ArgumentNullException.ThrowIfNull(diagnostics);
        SweepManifest? first = null;
        var shards = new List<string>();
        var journals = new List<string>();
        var entries = new List<Entry>();
        var objectives = new List<double>();
        foreach (string directory in directories)
        {
            string manifestPath = Path.Combine(directory, ResultsJournal.ManifestFile), journalPath = Path.Combine(directory, ResultsJournal.JournalFile);
            if (!File.Exists(manifestPath) || !File.Exists(journalPath))
            {
                diagnostics.Add(new SourceLocation(directory, 1, 1), "", $"not a sweep results directory: it needs {ResultsJournal.ManifestFile} and {ResultsJournal.JournalFile}");
                continue;
            }

            if (SweepManifest.Read(manifestPath, diagnostics) is not { } manifest)
            {
                continue;
            }

            first ??= manifest;
            shards.Add(manifest.Shard);
            if (manifest.Fingerprint != first.Fingerprint)
            {
                diagnostics.Add(new SourceLocation(manifestPath, 1, 1), "",
                    $"results of another sweep or spec version (fingerprint {manifest.Fingerprint}, {directories[0]} has {first.Fingerprint})");
                continue;
            }

            int journal = journals.Count;
            journals.Add(journalPath);
            int lineNumber = 0, unreadable = 0;
            foreach ((long offset, int bytes, string text) in ResultsJournal.LinesOf(journalPath))
            {
                lineNumber++;
                if (text.Length == 0)
                {
                    continue;
                }

                if (unreadable > 0)
                {
                    // Only the last line may be cut off (by a kill while it was written).
                    diagnostics.Add(new SourceLocation(journalPath, unreadable, 1), "", "not a results line; the journal was changed by hand?");
                    unreadable = 0;
                }

                if (ResultsJournal.ParseLine(text) is not { } result)
                {
                    unreadable = lineNumber;
                    continue;
                }

                entries.Add(new Entry(result.Index, journal, offset, bytes, result.Key.GetHashCode(StringComparison.Ordinal), entries.Count));
                foreach (SweepObjective objective in first.Objectives)
                {
                    objectives.Add(result.Status == PointResult.Ok ? result.Metric(objective.Metric) ?? double.NaN : double.NaN);
                }
            }
        }

        if (diagnostics.HasErrors || first is null)
        {
            return null;
        }

        // In point order, the first directory's line of each point kept; the others must agree on its settings.
        int[] order = [.. Enumerable.Range(0, entries.Count)];
        Array.Sort(order, (a, b) => entries[a].Index != entries[b].Index ? entries[a].Index.CompareTo(entries[b].Index) : entries[a].Order.CompareTo(entries[b].Order));
        var kept = new List<int>(order.Length);
        foreach (int e in order)
        {
            if (kept.Count > 0 && entries[kept[^1]].Index == entries[e].Index)
            {
                if (entries[kept[^1]].Key != entries[e].Key)
                {
                    diagnostics.Add(new SourceLocation(journals[entries[e].Journal], 1, 1), "", $"point {entries[e].Index} has other settings than in an earlier directory");
                }

                continue;
            }

            kept.Add(e);
        }

        if (diagnostics.HasErrors)
        {
            return null;
        }

        int d = first.Objectives.Count;
        double?[][] values = [.. kept.Select(e => Enumerable.Range(0, d).Select(k => objectives[(entries[e].Order * d) + k]).Select(v => double.IsNaN(v) ? (double?)null : v).ToArray())];
        bool[] front = ParetoFront.NonDominated(values, [.. first.Objectives.Select(o => o.Maximize)]);
        values = [];

        using ResultsJournal? output = ResultsJournal.Open(outDirectory, first with { Shard = "merged" }, resume: false, diagnostics);
        if (output is null)
        {
            return null;
        }

        var tally = new SweepSummary.Tally(first.Objectives);
        SafeFileHandle[] handles = [.. journals.Select(j => File.OpenHandle(j))];
        try
        {
            output.WriteFinished(InPointOrder());
        }
        finally
        {
            foreach (SafeFileHandle handle in handles)
            {
                handle.Dispose();
            }
        }

        return new Merged(output.Manifest, tally.Summary(), shards, [.. kept.Select(e => entries[e].Index)]);

        IEnumerable<PointResult> InPointOrder()
        {
            byte[] buffer = [];
            for (int i = 0; i < kept.Count; i++)
            {
                Entry entry = entries[kept[i]];
                if (buffer.Length < entry.Bytes)
                {
                    buffer = new byte[Math.Max(entry.Bytes, 2 * buffer.Length)];
                }

                RandomAccess.Read(handles[entry.Journal], buffer.AsSpan(0, entry.Bytes), entry.Offset);
                PointResult result = ResultsJournal.ParseLine(Encoding.UTF8.GetString(buffer, 0, entry.Bytes))! with { Pareto = front[i] };
                tally.Add(result);
                yield return result;
            }
        }
    }
}
