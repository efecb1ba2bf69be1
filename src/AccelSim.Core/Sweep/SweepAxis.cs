using AccelSim.Config.Yaml;

namespace AccelSim.Sweep;

/// <summary>
/// One dimension of a sweep: a config path (<c>compute[mxu].rows</c>, <c>workload.formats.weights</c>), the short
/// name results and constraints use for it, and its values. <see cref="OnWorkload"/> says which document it sets.
/// </summary>
public sealed record SweepAxis(string Name, string Path, bool OnWorkload, IReadOnlyList<AxisValue> Values, SourceLocation At)
{
    /// <summary>The path inside its document: without the <c>workload.</c> or <c>arch.</c> prefix.</summary>
    public string DocumentPath => OnWorkload ? Path["workload.".Length..] : Path.StartsWith("arch.", StringComparison.Ordinal) ? Path["arch.".Length..] : Path;

    public string Assignment(AxisValue value) => $"{DocumentPath}={value.Text}";
}
