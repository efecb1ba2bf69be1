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
