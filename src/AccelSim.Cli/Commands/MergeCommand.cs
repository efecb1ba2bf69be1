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
    private static string MissingShards(IReadOnlyList<string> seen, int[] merged, int points)
    {
        int[] counts = [.. seen.Select(s => s.Split('/')).Where(p => p.Length == 2 && int.TryParse(p[1], out _)).Select(p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)).Distinct()];
        if (counts.Length != 1)
        {
            return "the directories are not shards of one split";
        }

        int n = counts[0];
        int[] got = new int[n + 1];
        foreach (int index in merged)
        {
            got[(index % n) + 1]++;
        }

        var lines = new List<string>();
        for (int shard = 1; shard <= n; shard++)
        {
            // Shard I of N holds the points I − 1, I − 1 + N, ... (SweepRunner.InShard).
            int expected = points < shard ? 0 : ((points - shard) / n) + 1;
            if (got[shard] < expected)
            {
                lines.Add(seen.Contains($"{shard}/{n}") ? $"shard {shard}/{n} has {got[shard]} of its {expected} points" : $"shard {shard}/{n} is missing");
            }
        }

        return string.Join(", ", lines);
    }

    private static int Merge(string[] dirs, string outDir, TextWriter output, TextWriter error)
    {
        var diagnostics = new Diagnostics();
        if (ResultsMerge.Run(dirs, outDir, diagnostics) is not { } merged)
        {
            return DiagnosticsOutput.Report(diagnostics, error);
        }

        SweepCommand.PrintSummary(Terminal.For(output), merged.Manifest, merged.Summary, outDir);
        if (merged.Summary.Points < merged.Manifest.Points)
        {
            // What was merged is written, so nothing computed is lost; the exit code says the set is not whole.
            error.WriteLine($"incomplete: {merged.Manifest.Points - merged.Summary.Points} of the sweep's {merged.Manifest.Points} points are in none of the directories; "
                + $"{MissingShards(merged.Shards, merged.Indices, merged.Manifest.Points)}; run them (or --resume them) and merge again");
            return 1;
        }

        return 0;
    }
}
