namespace AccelSim.Config.Yaml;

/// <summary>One problem with an input, printed as <c>file:line:col: path: message</c>.</summary>
public sealed record ConfigError(SourceLocation Location, string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? $"{Location}: {Message}" : $"{Location}: {Path}: {Message}";
}
