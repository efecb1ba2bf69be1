using AccelSim.Config.Yaml;

namespace AccelSim.Sweep;

/// <summary>
/// Joins the results directories of one sweep (its shards, or interrupted runs) into one, in point order with the
/// Pareto front marked, without holding every result (<see cref="JournalIndex"/>): the journals are indexed as
/// streams, the front is computed on the index, and the points are read again in order as they are written out.
/// </summary>
public static class ResultsMerge
{
    /// <summary>The merged sweep: its manifest, what it holds, the shards that went in (I/N), and the points' indices in order.</summary>
    public sealed record Merged(SweepManifest Manifest, SweepSummary Summary, IReadOnlyList<string> Shards, int[] Indices);

    public static Merged? Run(IReadOnlyList<string> directories, string outDirectory, Diagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(directories);
        ArgumentNullException.ThrowIfNull(diagnostics);
        SweepManifest? first = null;
        JournalIndex? index = null;
        var shards = new List<string>();
        foreach (string directory in directories)
        {
            if (ResultsJournal.ManifestOf(directory, diagnostics) is not { } manifest)
            {
                continue;
            }

            first ??= manifest;
            index ??= new JournalIndex(first.Objectives);
            shards.Add(manifest.Shard);
            if (manifest.Fingerprint != first.Fingerprint)
            {
                diagnostics.Add(new SourceLocation(Path.Combine(directory, ResultsJournal.ManifestFile), 1, 1), "",
                    $"results of another sweep or spec version (fingerprint {manifest.Fingerprint}, {directories[0]} has {first.Fingerprint})");
                continue;
            }

            index.Add(Path.Combine(directory, ResultsJournal.JournalFile), diagnostics);
        }

        if (diagnostics.HasErrors || first is null || index is null || !index.Order(diagnostics))
        {
            return null;
        }

        using ResultsJournal? output = ResultsJournal.Open(outDirectory, first with { Shard = "merged" }, resume: false, diagnostics);
        if (output is null)
        {
            return null;
        }

        SweepSummary summary = output.Write(index.Read(index.Front()));
        return new Merged(output.Manifest, summary, shards, [.. index.Indices]);
    }
}
