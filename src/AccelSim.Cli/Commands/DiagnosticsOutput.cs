using AccelSim.Config.Yaml;

namespace AccelSim.Cli.Commands;

/// <summary>Prints collected input errors, one per line, followed by a count; returns exit code 1.</summary>
internal static class DiagnosticsOutput
{
    public static int Report(Diagnostics diagnostics, TextWriter error)
    {
        foreach (ConfigError e in diagnostics.Errors)
        {
            error.WriteLine($"{e}");
        }

        error.WriteLine($"{diagnostics.Errors.Count} error{(diagnostics.Errors.Count == 1 ? "" : "s")}; nothing was run");
        return 1;
    }
}
