using AccelSim.Cli;

namespace AccelSim.Tests.Cli;

/// <summary>Runs the CLI in-process and keeps what it printed; scratch files go to a fresh temporary directory.</summary>
internal static class CliRunner
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = AccelSimCommand.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    public static string TempDirectory() => Directory.CreateTempSubdirectory("accelsim-test").FullName;

    public static string Write(string directory, string name, string text)
    {
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The rows of an ops.csv as column name → value.</summary>
    public static List<Dictionary<string, string>> ReadOps(string directory)
    {
        string[] lines = File.ReadAllLines(Path.Combine(directory, "ops.csv"));
        string[] header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(SplitCsv(l)).ToDictionary(p => p.First, p => p.Second))];
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (c == '"')
            {
                if (quoted && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else
                {
                    quoted = !quoted;
                }
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
