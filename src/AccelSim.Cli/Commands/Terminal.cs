using Spectre.Console;

namespace AccelSim.Cli.Commands;

/// <summary>A Spectre.Console console writing to the command's output, wide enough that tables do not wrap in files and pipes.</summary>
internal static class Terminal
{
    public static IAnsiConsole For(TextWriter output)
    {
        bool interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            console.Profile.Width = 240;
        }

        return console;
    }
}
