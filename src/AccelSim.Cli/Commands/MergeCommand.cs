using System.CommandLine;
using AccelSim.Config.Yaml;
using AccelSim.Sweep;

namespace AccelSim.Cli.Commands;

/// <summary><c>accelsim merge DIR... --out DIR</c>: joins the results of a sweep's shards (or interrupted runs) and recomputes the Pareto front.</summary>
internal static class MergeCommand
{
    public static Command Build()
    {
        var dirs = new Argument<string[]>("dirs") { Description = "Results directories of one sweep (its shards).", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out", "-o") { Description = "Directory for the merged results.", Required = true };
        var command = new Command("merge", "Join the results of a sweep's shards and recompute the Pareto front.") { dirs, outDir };
        command.SetAction(result => Merge(result.GetValue(dirs) ?? [], result.GetValue(outDir)!, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Which shards of I/N are absent or short of points, as far as the merged directories say.</summary>
    private static string MissingShards(List<string> seen, IReadOnlyList<PointResult> merged, int points)
    {
        int[] counts = [.. seen.Select(s => s.Split('/')).Where(p => p.Length == 2 && int.TryParse(p[1], out _)).Select(p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)).Distinct()];
        if (counts.Length != 1)
        {
            return "the directories are not shards of one split";
        }

        int n = counts[0];
        var lines = new List<string>();
        for (int shard = 1; shard <= n; shard++)
        {
            int expected = Enumerable.Range(0, points).Count(i => SweepRunner.InShard(i, shard, n));
            int got = merged.Count(r => SweepRunner.InShard(r.Index, shard, n));
            if (got < expected)
            {
                lines.Add(seen.Contains($"{shard}/{n}") ? $"shard {shard}/{n} has {got} of its {expected} points" : $"shard {shard}/{n} is missing");
            }
        }

        return string.Join(", ", lines);
    }

    private static int Merge(string[] dirs, string outDir, TextWriter output, TextWriter error)
    {
        var diagnostics = new Diagnostics();
        SweepManifest? first = null;
        var results = new SortedDictionary<int, PointResult>();
        var shards = new List<string>();
        foreach (string dir in dirs)
        {
            (SweepManifest? manifest, IReadOnlyList<PointResult> read) = ResultsJournal.Read(dir, diagnostics);
            if (manifest is null)
            {
                continue;
            }

            first ??= manifest;
            shards.Add(manifest.Shard);
            if (manifest.Fingerprint != first.Fingerprint)
            {
                diagnostics.Add(new SourceLocation(Path.Combine(dir, ResultsJournal.ManifestFile), 1, 1), "",
                    $"results of another sweep or spec version (fingerprint {manifest.Fingerprint}, {dirs[0]} has {first.Fingerprint})");
                continue;
            }

            foreach (PointResult r in read)
            {
                if (results.TryGetValue(r.Index, out PointResult? seen) && seen.Key != r.Key)
                {
                    diagnostics.Add(new SourceLocation(Path.Combine(dir, ResultsJournal.JournalFile), 1, 1), "", $"point {r.Index} has other settings than in an earlier directory");
                }

                results.TryAdd(r.Index, r);
            }
        }

        if (diagnostics.HasErrors || first is null)
        {
            return DiagnosticsOutput.Report(diagnostics, error);
        }

        using ResultsJournal? journal = ResultsJournal.Open(outDir, first with { Shard = "merged" }, resume: false, diagnostics);
        if (journal is null)
        {
            return DiagnosticsOutput.Report(diagnostics, error);
        }

        foreach (PointResult r in results.Values)
        {
            journal.Append(r);
        }

        IReadOnlyList<PointResult> merged = journal.Finish();
        SweepCommand.PrintSummary(Terminal.For(output), journal.Manifest, merged, outDir);
        if (merged.Count < first.Points)
        {
            // What was merged is written, so nothing computed is lost; the exit code says the set is not whole.
            error.WriteLine($"incomplete: {first.Points - merged.Count} of the sweep's {first.Points} points are in none of the directories; {MissingShards(shards, merged, first.Points)}; "
                + "run them (or --resume them) and merge again");
            return 1;
        }

        return 0;
    }
}
