namespace AccelSim.Cli.Commands;

/// <summary>
/// Finds the bundled designs and workloads: in the current directory or one above it (a clone), else next to the
/// executable (an installed tool carries copies of <c>arch-configs/</c> and <c>workloads/</c>).
/// </summary>
internal static class BundledFiles
{
    public static string DefaultDesign => Find(Path.Combine("arch-configs", "default.yaml"));

    public static string DefaultWorkload => Find(Path.Combine("workloads", "default.yaml"));

    private static string Find(string relative)
    {
        string? directory = Directory.GetCurrentDirectory();
        for (int up = 0; directory is not null && up < 6; up++, directory = Path.GetDirectoryName(directory))
        {
            string candidate = Path.Combine(directory, relative);
            if (File.Exists(candidate))
            {
                return Path.GetRelativePath(Directory.GetCurrentDirectory(), candidate);
            }
        }

        return Path.Combine(AppContext.BaseDirectory, relative);
    }
}
