using System.CommandLine;
using AccelSim.Cli.Commands;

namespace AccelSim.Cli;

/// <summary>The <c>accelsim</c> command tree. Thin: parses arguments, calls the core library, writes results.</summary>
public static class AccelSimCommand
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "AccelSim: a cycle-approximate simulator of accelerators built from quantized processing elements, "
            + "with bit-exact execution of every low-bit GEMM.");
        root.Add(CompareCommand.Build());
        root.Add(FormatsCommand.Build());
        root.Add(ListCommand.Build());
        root.Add(MergeCommand.Build());
        root.Add(PlotCommand.Build());
        root.Add(QuantizeCommand.Build());
        root.Add(RunCommand.Build());
        root.Add(SweepCommand.Build());
        root.Add(TechCommand.Build());
        root.Add(ValidateCommand.Build());
        return root;
    }

    /// <summary>Runs the command line; returns the process exit code (0 success, 1 bad input, 2 internal error).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            ParseResult parsed = Build().Parse(args);
            if (parsed.Errors.Count > 0)
            {
                return CommandLineErrors.Report(parsed, error);
            }

            return parsed.Invoke(configuration);
        }
        catch (Exception exception) when (Environment.GetEnvironmentVariable("ACCELSIM_DEBUG") != "1")
        {
            error.WriteLine($"internal error: {exception.Message} (set ACCELSIM_DEBUG=1 for the stack trace, and please report it)");
            return 2;
        }
    }
}
