using AccelSim.Config.Yaml;

namespace AccelSim.Cli.Commands;

/// <summary>
/// Checks where a command will write before it runs, so that a finished simulation is never lost to a bad path and
/// no file the user gave as input is overwritten: each problem is one input error naming the option.
/// </summary>
internal static class OutputPaths
{
    /// <summary>A directory the command writes into (created if missing): not empty, not a file, writable.</summary>
    public static void IntoDirectory(string option, string path, Diagnostics diagnostics)
    {
        SourceLocation at = SourceLocation.CommandLine(option);
        if (string.IsNullOrWhiteSpace(path))
        {
            diagnostics.Add(at, "", "is empty; name a directory");
            return;
        }

        if (System.IO.File.Exists(path))
        {
            diagnostics.Add(at, "", $"'{path}' is a file; {option} names a directory");
            return;
        }

        try
        {
            Directory.CreateDirectory(path);
            string probe = Path.Combine(path, $".accelsim-write-probe-{Environment.ProcessId}");
            System.IO.File.WriteAllText(probe, "");
            System.IO.File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            diagnostics.Add(at, "", $"cannot write into '{path}': {e.Message}");
        }
    }

    /// <summary>A file the command writes: not a directory, in a directory that exists, and not one of the run's inputs.</summary>
    public static void ToFile(string option, string path, Diagnostics diagnostics, IEnumerable<string>? inputs = null)
    {
        SourceLocation at = SourceLocation.CommandLine(option);
        if (string.IsNullOrWhiteSpace(path))
        {
            diagnostics.Add(at, "", "is empty; name a file");
            return;
        }

        if (Directory.Exists(path))
        {
            diagnostics.Add(at, "", $"'{path}' is a directory; {option} names a file");
            return;
        }

        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
        {
            diagnostics.Add(at, "", $"directory '{directory}' does not exist");
            return;
        }

        Input(option, path, diagnostics, inputs);
    }

    /// <summary>An error when writing <paramref name="path"/> would replace one of the inputs the command read.</summary>
    public static void Input(string option, string path, Diagnostics diagnostics, IEnumerable<string>? inputs)
    {
        string full = Path.GetFullPath(path);
        if (inputs is not null && inputs.Any(i => string.Equals(Path.GetFullPath(i), full, StringComparison.Ordinal)))
        {
            diagnostics.Add(SourceLocation.CommandLine(option), "", $"would overwrite '{path}', which this command reads as an input; write elsewhere");
        }
    }
}
