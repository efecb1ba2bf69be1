using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AccelSim.Config.Yaml;
using AccelSim.Sweep;
using Spectre.Console;

namespace AccelSim.Cli.Commands;

/// <summary>
/// <c>accelsim sweep SPEC</c>: runs a design-space sweep in parallel, appending each finished point to the results
/// directory at once (so a run that dies loses nothing finished, and <c>--resume</c> goes on from there), then marks
/// the Pareto front. <c>--shard I/N</c> runs every N-th point, for job arrays; <c>accelsim merge</c> joins shards.
/// </summary>
internal static class SweepCommand
{
    public static Command Build()
    {
        var spec = new Argument<string>("spec") { Description = "The sweep spec (arch-configs/sweeps/*.yaml)." };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Points run at once (default: the number of cores). The results do not depend on it.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var outDir = new Option<string?>("--out", "-o") { Description = "Results directory (default: accelsim-sweep/<name>)." };
        var resume = new Option<bool>("--resume") { Description = "Continue a sweep in --out, running only the points it does not hold yet." };
        var shard = new Option<string?>("--shard") { Description = "I/N: run every N-th point starting at the I-th (1 ≤ I ≤ N), for cluster job arrays." };
        var command = new Command("sweep", "Run a design-space sweep: every point's cycles, energy, area and error, and the Pareto front.")
        {
            spec, jobs, outDir, resume, shard,
        };
        command.SetAction(result => Sweep(
            BundledFiles.Sweep(result.GetValue(spec)!), result.GetValue(jobs), result.GetValue(outDir), result.GetValue(resume), result.GetValue(shard),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    private static int Sweep(string specPath, int jobs, string? outDir, bool resume, string? shardText, TextWriter output, TextWriter error)
    {
        var diagnostics = new Diagnostics();
        if (jobs < 1)
        {
            diagnostics.Add(SourceLocation.CommandLine("--jobs"), "", $"{jobs} is not a number of jobs: must be 1 or more");
        }

        (int shard, int shards) = (1, 1);
        if (shardText is not null && !TryShard(shardText, out shard, out shards))
        {
            diagnostics.Add(SourceLocation.CommandLine("--shard"), "", $"'{shardText}' is not I/N with 1 ≤ I ≤ N, e.g. 3/8");
        }

        SweepSpec? spec = SweepSpecReader.Load(specPath, diagnostics);
        if (spec is null || diagnostics.HasErrors)
        {
            return DiagnosticsOutput.Report(diagnostics, error);
        }

        IReadOnlyList<SweepPoint> all = SweepExpansion.Points(spec);
        IReadOnlyList<SweepPoint> mine = SweepRunner.Shard(all, shard, shards);
        string directory = outDir ?? Path.Combine("accelsim-sweep", spec.Name);
        using ResultsJournal? journal = ResultsJournal.Open(directory, SweepManifest.For(spec, all.Count, $"{shard}/{shards}"), resume, diagnostics);
        if (journal is null)
        {
            return DiagnosticsOutput.Report(diagnostics, error);
        }

        List<SweepPoint> pending = [.. mine.Where(p => !journal.Done.ContainsKey(p.Index))];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sweep {spec.Name}: {all.Count} points ({SweepExpansion.Size(spec)} before constraints){(shards > 1 ? $", shard {shard}/{shards}: {mine.Count}" : "")}, "
            + $"{mine.Count - pending.Count} already done, {pending.Count} to run on {jobs} job(s); results in {directory}"));
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            RunWithProgress(spec, pending, jobs, journal, output, cancel.Token);
        }
        catch (OperationCanceledException)
        {
            error.WriteLine($"interrupted: {journal.Done.Count} points are saved in {directory}; continue with --resume");
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        IReadOnlyList<PointResult> results = journal.Finish();
        PrintSummary(Terminal.For(output), journal.Manifest, results, directory);
        return 0;
    }

    private static void RunWithProgress(SweepSpec spec, List<SweepPoint> pending, int jobs, ResultsJournal journal, TextWriter output, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        int finished = 0;
        IAnsiConsole console = Terminal.For(output);
        if (console.Profile.Capabilities.Interactive)
        {
            console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(context =>
                {
                    ProgressTask task = context.AddTask("points", maxValue: Math.Max(1, pending.Count));
                    SweepRunner.Run(spec, pending, jobs, result =>
                    {
                        journal.Append(result);
                        int n = Interlocked.Increment(ref finished);
                        task.Increment(1);
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"{n}/{pending.Count} points, {n / Math.Max(1e-3, clock.Elapsed.TotalSeconds):0.0} points/s");
                    }, cancel);
                });
            return;
        }

        // Not a terminal: a plain line at most every five seconds, and one at the end.
        var gate = new Lock();
        TimeSpan last = TimeSpan.Zero;
        SweepRunner.Run(spec, pending, jobs, result =>
        {
            journal.Append(result);
            int n = Interlocked.Increment(ref finished);
            lock (gate)
            {
                if (n == pending.Count || clock.Elapsed - last >= TimeSpan.FromSeconds(5))
                {
                    last = clock.Elapsed;
                    double rate = n / Math.Max(1e-3, clock.Elapsed.TotalSeconds);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {n}/{pending.Count} points, {rate:0.0} points/s, ETA {TimeSpan.FromSeconds(Math.Round((pending.Count - n) / Math.Max(rate, 1e-9))):c}"));
                }
            }
        }, cancel);
    }

    internal static void PrintSummary(IAnsiConsole console, SweepManifest manifest, IReadOnlyList<PointResult> results, string directory)
    {
        int ok = results.Count(r => r.Status == PointResult.Ok), failed = results.Count(r => r.Status == PointResult.Failed);
        int infeasible = results.Count(r => r.Status == PointResult.Infeasible);
        List<PointResult> front = [.. results.Where(r => r.Pareto)];
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{results.Count} of {manifest.Points} points: {ok} ran, {infeasible} broke a constraint, {failed} failed; {front.Count} on the Pareto front ({string.Join(", ", manifest.Objectives)})"));
        var table = new Table().Border(TableBorder.Rounded).AddColumn("#").AddColumn("design").AddColumn("pe_kind");
        foreach (string axis in manifest.Axes)
        {
            table.AddColumn(axis);
        }

        foreach (SweepObjective objective in manifest.Objectives)
        {
            table.AddColumn(new TableColumn(PointMetrics.Find(objective.Metric)?.Label ?? objective.Metric).RightAligned());
        }

        foreach (PointResult r in front.Take(30))
        {
            table.AddRow([
                r.Index.ToString(CultureInfo.InvariantCulture), Markup.Escape(r.Design), Markup.Escape(r.PeKind), .. r.Values.Select(Markup.Escape),
                .. manifest.Objectives.Select(o => r.Metric(o.Metric) is double v ? v.ToString("#,0.####", CultureInfo.InvariantCulture) : ""),
            ]);
        }

        console.Write(table);
        foreach (SweepObjective objective in manifest.Objectives.Where(o => ok > 0 && results.Where(r => r.Status == PointResult.Ok).All(r => r.Metric(o.Metric) is null)))
        {
            console.WriteLine($"note: no point has {objective.Metric} (a GEMM workload has no tokens; TOPS is not counted for a MoE decode), so no point is on the front; choose another objective");
        }

        if (front.Count > 30)
        {
            console.WriteLine($"... and {front.Count - 30} more on the front");
        }

        if (FailureReasons.Summary(results) is { Length: > 0 } failures)
        {
            console.WriteLine(failures);
        }

        console.WriteLine($"wrote {Path.Combine(directory, ResultsJournal.CsvFile)} and {Path.Combine(directory, ResultsJournal.JournalFile)}");
    }

    private static bool TryShard(string text, out int shard, out int shards)
    {
        shard = shards = 1;
        string[] parts = text.Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out shard)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out shards)
            && shard >= 1 && shard <= shards;
    }
}
