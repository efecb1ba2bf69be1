using AccelSim.Config.Yaml;

namespace AccelSim.Cli.Commands;

/// <summary>
/// Prints collected input errors, one line per mistake (errors alike folded), then any hints, then a count; returns
/// exit code 1.
/// </summary>
internal static class DiagnosticsOutput
{
    public static int Report(Diagnostics diagnostics, TextWriter error, IEnumerable<string>? hints = null)
    {
        foreach (string line in diagnostics.FoldedLines)
        {
            error.WriteLine(line);
        }

        foreach (string hint in hints ?? [])
        {
            error.WriteLine($"hint: {hint}");
        }

        error.WriteLine($"{diagnostics.Errors.Count} error{(diagnostics.Errors.Count == 1 ? "" : "s")}; nothing was run");
        return 1;
    }
}
