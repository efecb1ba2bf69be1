using Spectre.Console;

namespace AccelSim.Cli.Commands;

/// <summary>
/// A progress bar for a long run (a large prefill, a batched decode, a MoE decode) on an interactive terminal: the
/// run reports how far it has got through <see cref="Report"/>, given to its options before the bar exists. In
/// files and pipes there is no bar and the run is not slowed.
/// </summary>
internal sealed class RunProgress
{
    private ProgressTask? task;

    public void Report(long done, long total)
    {
        if (task is { } t)
        {
            t.MaxValue = Math.Max(1, total);
            t.Value = done;
        }
    }

    /// <summary>
    /// What the command line adds to <see cref="SimTime.Overflow"/>: which settings reach it. Only an extreme input
    /// does, so it is an input error (exit 1), not a crash.
    /// </summary>
    public const string OverflowCauses = "a bandwidth, clock or latency of the design is too extreme for this workload (memory.bandwidth, clock, the offload link?), "
        + "or the workload too large";

    public T Run<T>(TextWriter output, string what, Func<T> run)
    {
        IAnsiConsole console = Terminal.For(output);
        if (!console.Profile.Capabilities.Interactive)
        {
            return run();
        }

        return console.Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                task = context.AddTask(Markup.Escape(what), maxValue: 1);
                T result = run();
                task.Value = task.MaxValue;
                return result;
            });
    }
}
