namespace AccelSim.Config.Yaml;

/// <summary>
/// Collects every error found while loading inputs so that all of them are reported at once, in file and
/// position order, instead of stopping at the first.
/// </summary>
public sealed class Diagnostics
{
    private readonly List<ConfigError> errors = [];

    public bool HasErrors => errors.Count > 0;

    public int Count => errors.Count;

    /// <summary>The errors ordered by file, line and column (command-line origins first), then by when they were found.</summary>
    public IReadOnlyList<ConfigError> Errors =>
        [.. errors.Select((e, i) => (e, i))
            .OrderBy(x => x.e.Location.Origin is null ? 1 : 0)
            .ThenBy(x => x.e.Location.File, StringComparer.Ordinal)
            .ThenBy(x => x.e.Location.Line)
            .ThenBy(x => x.e.Location.Column)
            .ThenBy(x => x.i)
            .Select(x => x.e)
            .Distinct()];

    public void Add(SourceLocation location, string path, string message) => errors.Add(new ConfigError(location, path, message));

    public void Add(ConfigError error) => errors.Add(error);
}
