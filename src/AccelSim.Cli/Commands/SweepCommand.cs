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
        var slurm = new Option<bool>("--slurm") { Description = "Write a SLURM job array for the sweep (one shard per task, resumed when requeued) and a merge job after it, in --out/slurm, instead of running it." };
        var array = new Option<int?>("--array") { Description = "With --slurm: tasks in the job array, each one shard (default: the points, at most 16)." };
        var cpus = new Option<int>("--cpus") { Description = "With --slurm: CPUs per task, the points each task runs at once (default: 1).", DefaultValueFactory = _ => 1 };
        var time = new Option<string>("--time") { Description = "With --slurm: time limit of each task and of the merge, in SLURM's format (default: 01:00:00).", DefaultValueFactory = _ => "01:00:00" };
        var partition = new Option<string?>("--partition") { Description = "With --slurm: the partition to submit to (default: the cluster's)." };
        var submit = new Option<bool>("--submit") { Description = "With --slurm: submit the job array and the merge with sbatch once written." };
        var command = new Command("sweep", "Run a design-space sweep: every point's cycles, energy, area and error, and the Pareto front.")
        {
            spec, jobs, outDir, resume, shard, slurm, array, cpus, time, partition, submit,
        };
        command.SetAction(result =>
        {
            string specPath = BundledFiles.Sweep(result.GetValue(spec)!);
            (TextWriter output, TextWriter error) = (result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            bool slurmOnly = result.GetResult(array) is not null || result.GetResult(cpus) is { Implicit: false } || result.GetResult(time) is { Implicit: false }
                || result.GetValue(partition) is not null || result.GetValue(submit);
            if (result.GetValue(slurm) || slurmOnly)
            {
                return Slurm(specPath, new SlurmOptions(result.GetValue(slurm), result.GetValue(array), result.GetValue(cpus), result.GetValue(time)!,
                    result.GetValue(partition), result.GetValue(submit), result.GetValue(outDir), result.GetValue(resume), result.GetValue(shard) is not null,
                    result.GetResult(jobs) is { Implicit: false }), output, error);
            }

            return Sweep(specPath, result.GetValue(jobs), result.GetValue(outDir), result.GetValue(resume), result.GetValue(shard), output, error);
        });
        return command;
    }

    private sealed record SlurmOptions(bool Slurm, int? Array, int Cpus, string Time, string? Partition, bool Submit, string? Out, bool Resume, bool Shard, bool Jobs);

    /// <summary>Writes the sweep's job array, merge job and submit script (and submits them when asked) instead of running it.</summary>
    private static int Slurm(string specPath, SlurmOptions o, TextWriter output, TextWriter error)
    {
        var diagnostics = new Diagnostics();
        void Bad(string option, string message) => diagnostics.Add(SourceLocation.CommandLine(option), "", message);
        if (!o.Slurm)
        {
            Bad("--slurm", "--array, --cpus, --time, --partition and --submit describe a SLURM job array: add --slurm");
        }

        if (o.Shard || o.Resume || o.Jobs)
        {
            Bad(o.Shard ? "--shard" : o.Resume ? "--resume" : "--jobs", "with --slurm each task picks its own shard, resumes itself and runs --cpus points at once: drop --shard, --resume and --jobs");
        }

        if (o.Array is < 1)
        {
            Bad("--array", $"{o.Array} is not a number of tasks: must be 1 or more");
        }

        if (o.Cpus < 1)
        {
            Bad("--cpus", $"{o.Cpus} is not a number of CPUs: must be 1 or more");
        }

        if (!SlurmJobArray.IsTime(o.Time))
        {
            Bad("--time", $"'{o.Time}' is not a SLURM time: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS");
        }

        if (o.Partition is { } p && (p.Length == 0 || p.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"')))
        {
            Bad("--partition", $"'{p}' is not a partition name");
        }

        SweepSpec? spec = SweepSpecReader.Load(specPath, diagnostics);
        if (spec is null || diagnostics.HasErrors)
        {
            return DiagnosticsOutput.Report(diagnostics, error);
        }

        int points = SweepExpansion.Count(spec);
        int tasks = o.Array ?? Math.Clamp(points, 1, 16);
        if (tasks > points)
        {
            Bad("--array", $"{tasks} tasks for {points} points would leave tasks with nothing to run: use at most {points}");
            return DiagnosticsOutput.Report(diagnostics, error);
        }

        string directory = o.Out ?? Path.Combine("accelsim-sweep", spec.Name);
        string[] axes = spec.Objectives.Count >= 2 ? ["--x", spec.Objectives[0].Metric, "--y", spec.Objectives[1].Metric] : [];
        var job = new SlurmJobArray(spec.Name, specPath, directory, tasks, o.Cpus, o.Time, o.Partition, SlurmJobArray.ThisAccelsim(),
            Directory.GetCurrentDirectory(), axes);
        job.Write();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sweep {spec.Name}: {points} points as a SLURM job array of {tasks} task(s), {o.Cpus} CPU(s) and {o.Time} each; wrote {job.ArrayPath}, {job.MergePath} and {job.SubmitPath}"));
        if (!o.Submit)
        {
            output.WriteLine($"submit with: bash {job.SubmitPath}");
            output.WriteLine($"  (it runs: sbatch --parsable {job.ArrayPath}, then sbatch --dependency=afterok:<array job id> {job.MergePath})");
            return 0;
        }

        return Submit(job, output, error);
    }

    private static int Submit(SlurmJobArray job, TextWriter output, TextWriter error)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("bash", [job.SubmitPath]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            string stdout = process.StandardOutput.ReadToEnd(), stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            output.Write(stdout);
            if (process.ExitCode != 0)
            {
                error.Write(stderr);
                error.WriteLine($"error: submitting failed (exit {process.ExitCode}); the scripts are written: fix the cause and run bash {job.SubmitPath}");
                return 1;
            }

            return 0;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            error.WriteLine($"error: cannot run bash to submit ({e.Message}); the scripts are written: run bash {job.SubmitPath} on the cluster");
            return 1;
        }
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

        // The points are made as they run, never held: a sweep of a million points keeps only the indices done.
        int all = SweepExpansion.Count(spec);
        IEnumerable<SweepPoint> mine = SweepExpansion.Enumerate(spec).Where(p => SweepRunner.InShard(p.Index, shard, shards));
        int mineCount = shards == 1 ? all : mine.Count();
        string directory = outDir ?? Path.Combine("accelsim-sweep", spec.Name);
        using ResultsJournal? journal = ResultsJournal.Open(directory, SweepManifest.For(spec, all, $"{shard}/{shards}"), resume, diagnostics);
        if (journal is null)
        {
            return DiagnosticsOutput.Report(diagnostics, error);
        }

        // Only this shard's points are ever in its directory (a resume into another shard's is refused).
        // A copy: the journal's own set grows, from other threads, while the pending points are still being listed.
        HashSet<int> before = [.. journal.Done];
        int alreadyDone = before.Count;
        IEnumerable<SweepPoint> pending = mine.Where(p => !before.Contains(p.Index));
        int pendingCount = mineCount - alreadyDone;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sweep {spec.Name}: {all} points ({SweepExpansion.Size(spec)} before constraints){(shards > 1 ? $", shard {shard}/{shards}: {mineCount}" : "")}, "
            + $"{alreadyDone} already done, {pendingCount} to run on {jobs} job(s); results in {directory}"));
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            RunWithProgress(spec, pending, pendingCount, jobs, journal, output, cancel.Token);
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

        SweepSummary summary = journal.Finish();
        PrintSummary(Terminal.For(output), journal.Manifest, summary, directory);
        return 0;
    }

    private static void RunWithProgress(SweepSpec spec, IEnumerable<SweepPoint> pending, int pendingCount, int jobs, ResultsJournal journal, TextWriter output, CancellationToken cancel)
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
                    ProgressTask task = context.AddTask("points", maxValue: Math.Max(1, pendingCount));
                    SweepRunner.Run(spec, pending, jobs, result =>
                    {
                        journal.Append(result);
                        int n = Interlocked.Increment(ref finished);
                        task.Increment(1);
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"{n}/{pendingCount} points, {n / Math.Max(1e-3, clock.Elapsed.TotalSeconds):0.0} points/s");
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
                if (n == pendingCount || clock.Elapsed - last >= TimeSpan.FromSeconds(5))
                {
                    last = clock.Elapsed;
                    double rate = n / Math.Max(1e-3, clock.Elapsed.TotalSeconds);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {n}/{pendingCount} points, {rate:0.0} points/s, ETA {TimeSpan.FromSeconds(Math.Round((pendingCount - n) / Math.Max(rate, 1e-9))):c}"));
                }
            }
        }, cancel);
    }

    internal static void PrintSummary(IAnsiConsole console, SweepManifest manifest, SweepSummary summary, string directory)
    {
        IReadOnlyList<PointResult> front = summary.Front;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{summary.Points} of {manifest.Points} points: {summary.Ok} ran, {summary.Infeasible} broke a constraint, {summary.Failed} failed; {front.Count} on the Pareto front ({string.Join(", ", manifest.Objectives)})"));
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
        foreach (SweepObjective objective in summary.Unmeasured)
        {
            console.WriteLine($"note: no point has {objective.Metric} (a GEMM workload has no tokens; TOPS is not counted for a MoE decode), so no point is on the front; choose another objective");
        }

        if (front.Count > 30)
        {
            console.WriteLine($"... and {front.Count - 30} more on the front");
        }

        if (FailureReasons.Summary(summary.Failures) is { Length: > 0 } failures)
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
