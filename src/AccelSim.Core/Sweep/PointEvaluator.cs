using AccelSim.Accelerator;
using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Workloads;

namespace AccelSim.Sweep;

/// <summary>
/// Runs one design point: the base design and workload with the point's axis values set, through whichever
/// simulation the workload needs, into <see cref="PointMetrics"/>; then the metric constraints. A point that cannot
/// run is a result too, with every error that stopped it, located in the sweep file or the base files (or the
/// exception a model threw, so one bug does not stop the sweep).
/// </summary>
public static class PointEvaluator
{
    public static PointResult Evaluate(SweepSpec spec, SweepPoint point)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(point);
        string key = point.Key(spec);
        IReadOnlyList<string> values = [.. point.Values.Select(v => v.Text)];
        var diagnostics = new Diagnostics();
        string[] designSets = [.. spec.Settings(point).Where(s => !s.Axis.OnWorkload).Select(s => s.Axis.Assignment(s.Value))];
        string[] workloadSets = [.. spec.Settings(point).Where(s => s.Axis.OnWorkload).Select(s => s.Axis.Assignment(s.Value))];
        ArchitectureConfig? design = ArchitectureLoader.Load(point.Design.Path, designSets, diagnostics);
        Workload? workload = WorkloadLoader.Load(point.Workload.Path, workloadSets, diagnostics);
        (string designName, string kinds) = design is null
            ? Identity(point.Design.Path, designSets)
            : (design.Name, string.Join("+", design.Compute.Select(c => c.Kind).Distinct()));
        PointResult Result(string status, string error, IReadOnlyDictionary<string, double?> metrics) =>
            new(point.Index, key, point.Design.Written, point.Workload.Written, values, designName, kinds, status, error, metrics);

        IReadOnlyDictionary<string, double?>? metrics = null;
        if (design is not null && workload is not null)
        {
            var options = new RunOptions(spec.Functional, spec.Seed);
            try
            {
                metrics = RunKinds.Run(design, workload, options, diagnostics, PointMetrics.From, PointMetrics.From, PointMetrics.From);
            }
            catch (OverflowException)
            {
                // Extreme settings, not a bug: the point's simulated time or bytes pass 64 bits; the setting is named.
                diagnostics.Add(OverflowCulprit.Find(point.Design.Path, designSets, point.Workload.Path, workloadSets, spec.Seed));
            }
            catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
            {
                // A bug in the models, not bad input (that is reported as errors): recorded so the other points still run.
                return Result(PointResult.Failed, $"internal error: {e.GetType().Name}: {e.Message}", new Dictionary<string, double?>());
            }
        }

        if (diagnostics.HasErrors || metrics is null)
        {
            return Result(PointResult.Failed, Relative(Summarize(diagnostics.Errors.Select(e => SweepSpecReader.Locate(spec, point, e))), point), new Dictionary<string, double?>());
        }

        SweepConstraint? broken = spec.Constraints.Where(c => !SweepExpansion.IsAxisOnly(spec, c))
            .FirstOrDefault(c => !c.Holds(name => metrics.TryGetValue(name, out double? m) ? m : SweepExpansion.AxisNumber(spec, point, name)));
        return broken is null
            ? Result(PointResult.Ok, "", metrics)
            : Result(PointResult.Infeasible, $"{broken.At}: breaks the constraint '{broken.Text}'", metrics);
    }

    /// <summary>
    /// The name and PE kinds a design that failed to load gives in its own words, with the point's settings applied, so
    /// that its row groups with the points of the same design that ran.
    /// </summary>
    private static (string Name, string Kinds) Identity(string path, string[] sets)
    {
        ConfigMapping? root = MappingReader.OpenDocument(path, sets, new Diagnostics())?.Mapping;
        string name = root?["name"] is ConfigScalar { IsNull: false } n ? n.Value : Path.GetFileNameWithoutExtension(path);
        IEnumerable<string> kinds = (root?["compute"] as ConfigSequence)?.Items.OfType<ConfigMapping>()
            .Select(c => c["kind"]).OfType<ConfigScalar>().Select(k => k.Value) ?? [];
        return (name, string.Join("+", kinds.Distinct()));
    }

    /// <summary>
    /// Every error once: a workload's 32 layers failing alike read as one line naming the first operation and how
    /// many more, so the results row stays readable.
    /// </summary>
    private static string Summarize(IEnumerable<ConfigError> errors) => string.Join("; ", Diagnostics.Fold(errors));

    /// <summary>
    /// The errors with the base files' paths as the spec writes them (and files beside them relative to those), so
    /// that results hold no absolute path and read the same on every machine a shard ran on.
    /// </summary>
    private static string Relative(string text, SweepPoint point)
    {
        foreach (SweepFile file in new[] { point.Design, point.Workload })
        {
            text = text.Replace(file.Path, file.Written, StringComparison.Ordinal);
            if (Path.GetDirectoryName(file.Path) is { Length: > 0 } directory)
            {
                string written = Path.GetDirectoryName(file.Written) is { Length: > 0 } w ? w + Path.DirectorySeparatorChar : "";
                text = text.Replace(directory + Path.DirectorySeparatorChar, written, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
