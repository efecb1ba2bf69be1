namespace AccelSim.Cli.Commands;

/// <summary>Collects every problem with a command line before failing, so the user fixes them in one go.</summary>
internal sealed class CommandErrors
{
    private readonly List<string> messages = [];

    public bool Any => messages.Count > 0;

    public void Add(string option, string message) => messages.Add($"error: {option}: {message}");

    /// <summary>Writes the errors and returns exit code 1.</summary>
    public int Report(TextWriter error)
    {
        foreach (string message in messages)
        {
            error.WriteLine(message);
        }

        return 1;
    }
}
