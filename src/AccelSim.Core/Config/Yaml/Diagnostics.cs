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

    /// <summary>
    /// The errors as lines, those alike folded: more than <see cref="FoldAbove"/> errors at one place with one message
    /// (a workload's 288 operations that all refuse the design's formats) read as one line naming the first few and
    /// how many more; fewer stay a line each, so a handful of missing keys are each named.
    /// </summary>
    public IReadOnlyList<string> FoldedLines => Fold(Errors);

    public const int FoldAbove = 4;

    public static IReadOnlyList<string> Fold(IEnumerable<ConfigError> errors) =>
        [.. errors
            .GroupBy(e => (e.Location, e.Message))
            .SelectMany(g => g.Count() <= FoldAbove
                ? g.Select(e => e.ToString())
                : [$"{g.Key.Location}: {g.First().Path} and {g.Count() - 1} more alike ({string.Join(", ", g.Skip(1).Take(FoldAbove).Select(e => e.Path))}"
                    + $"{(g.Count() - 1 > FoldAbove ? ", …" : "")}): {g.Key.Message}"])];

    public void Add(SourceLocation location, string path, string message) => errors.Add(new ConfigError(location, path, Shorten(message)));

    public void Add(ConfigError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        errors.Add(error with { Message = Shorten(error.Message) });
    }

    /// <summary>
    /// Longest error message kept whole: far above any message AccelSim writes about sane input (the list of valid
    /// formats is 600 characters), so only one that echoes a garbled value of kilobytes is cut, with its length.
    /// </summary>
    public const int MaxMessage = 1000;

    private static string Shorten(string message) => message.Length <= MaxMessage ? message
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{message[..(MaxMessage - 40)]}… (cut from {message.Length:N0} characters)");

    /// <summary>Every input file read so far, as full paths in ordinal order.</summary>
    public IReadOnlyCollection<string> Sources => sources;

    public void Read(string path) => sources.Add(Path.GetFullPath(path));
}
