namespace AccelSim.Config.Yaml;

/// <summary>
/// Collects every error found while loading inputs so that all of them are reported at once, in file and
/// position order, instead of stopping at the first; and which files the inputs were read from, presets and models
/// included, so that a sweep can tell when any of them changed.
/// </summary>
public sealed class Diagnostics
{
    private readonly List<ConfigError> errors = [];
    private readonly SortedSet<string> sources = new(StringComparer.Ordinal);

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

    /// <summary>Every input file read so far, as full paths in ordinal order.</summary>
    public IReadOnlyCollection<string> Sources => sources;

    public void Read(string path) => sources.Add(Path.GetFullPath(path));
}
