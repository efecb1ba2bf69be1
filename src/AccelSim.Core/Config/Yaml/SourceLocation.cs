namespace AccelSim.Config.Yaml;

/// <summary>Where a value came from: a file position (1-based line and column), or a command-line origin such as <c>--set rows=64</c>.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column, string? Origin = null)
{
    public static SourceLocation CommandLine(string origin) => new("", 0, 0, origin);

    public override string ToString() => Origin ?? $"{File}:{Line}:{Column}";
}
