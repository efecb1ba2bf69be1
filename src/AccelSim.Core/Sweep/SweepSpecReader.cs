using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AccelSim.Accelerator;
using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Text;

namespace AccelSim.Sweep;

/// <summary>
/// Reads a sweep spec (<c>arch-configs/sweeps/*.yaml</c>) and checks it as a whole before anything runs: the files it
/// names load; every axis value is tried alone on the base design or workload, and an error that value causes is
/// reported at the value's line in the sweep file; constraints parse and name axes or metrics; objectives are
/// metrics. All errors are collected in <see cref="Diagnostics"/>.
/// </summary>
public static class SweepSpecReader
{
    private const int MaxRangeValues = 10_000;

    public static SweepSpec? Load(string path, Diagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(diagnostics);
        int before = diagnostics.Count;
        MappingReader? reader = MappingReader.OpenDocument(path, [], diagnostics);
        if (reader is null)
        {
            return null;
        }

        string directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";
        string name = reader.String("name", System.IO.Path.GetFileNameWithoutExtension(path));
        List<SweepFile> designs = Files(reader, "designs", directory, "the base design(s), relative to this file");
        List<SweepFile> workloads = Files(reader, "workloads", directory, "the workload(s), relative to this file");
        List<SweepAxis> fixedSettings = ReadFixed(reader);
        IReadOnlyList<SweepAxis> axes = reader.Items("axes", ReadAxis);
        string combine = reader.Choice("combine", ["product", "zip", "sample"], "product");
        SweepCombination combination = combine switch { "zip" => SweepCombination.Zip, "sample" => SweepCombination.Sample, _ => SweepCombination.Product };
        int samples = reader.Int("samples", 1, (int)SweepExpansion.MaxPoints, 0, required: combination == SweepCombination.Sample,
            meaning: "how many points combine: sample draws");
        int seed = reader.Int("seed", 0, int.MaxValue, 1);
        FunctionalMode functional = FunctionalModes.ByName[reader.Choice("functional", [.. FunctionalModes.ByName.Keys], "off")];
        List<SweepConstraint> constraints = ReadConstraints(reader);
        IReadOnlyList<SweepObjective> objectives = ReadObjectives(reader);
        reader.Finish();
        if (reader.Has("samples") && combination != SweepCombination.Sample)
        {
            reader.Error("samples", "samples is for combine: sample");
        }

        CheckNames(reader, axes, constraints, objectives, functional);
        if (combination == SweepCombination.Zip && axes.Select(a => a.Values.Count).Distinct().Count() > 1)
        {
            reader.Error("axes", "combine: zip takes the i-th value of every axis together, so the axes need as many values each; they have "
                + string.Join(", ", axes.Select(a => $"{a.Name}: {a.Values.Count}")));
        }

        var spec = new SweepSpec(name, path, designs, workloads, fixedSettings, axes, combination, samples, seed, functional, constraints, objectives, "");
        if (diagnostics.Count > before)
        {
            return null;
        }

        if (combination == SweepCombination.Product && SweepExpansion.ProductSize(spec) > SweepExpansion.MaxPoints)
        {
            reader.Error("axes", FormattableString.Invariant($"the axes combine to more than {SweepExpansion.MaxPoints} points; use combine: sample with samples: N"));
            return null;
        }

        var sources = new SortedSet<string>(StringComparer.Ordinal);
        TryAxisValues(spec, diagnostics, sources);
        return diagnostics.Count > before ? null : spec with { Fingerprint = Fingerprint(path, sources, Config.TechTableLoader.BuiltInTables()) };
    }

    /// <summary>
    /// Maps errors a point's overrides caused (located at <c>--set path=value</c>) to the axis values' lines in the
    /// sweep file; errors located in the design or workload files keep their own lines.
    /// </summary>
    public static ConfigError Locate(SweepSpec spec, SweepPoint point, ConfigError error)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(error);
        foreach ((SweepAxis axis, AxisValue value) in spec.Settings(point))
        {
            if (error.Location.Origin == $"--set {axis.Assignment(value)}")
            {
                return error with { Location = value.At };
            }
        }

        return error;
    }

    private static List<SweepFile> Files(MappingReader reader, string key, string directory, string meaning)
    {
        var files = new List<SweepFile>();
        ConfigNode? node = reader.Node(key, required: true, meaning);
        IReadOnlyList<ConfigNode> items = node is ConfigSequence list ? list.Items : node is null ? [] : [node];
        foreach (ConfigNode item in items)
        {
            // A path, or {file: path, set: {...}} with settings only this file's points get.
            ConfigScalar? scalar = item as ConfigScalar;
            List<SweepAxis> set = [];
            if (MappingReader.Open(item as ConfigMapping, reader.PathOf(key), reader.Diagnostics) is MappingReader entry)
            {
                scalar = entry.Node("file", required: true, "the file's path") as ConfigScalar;
                set = ReadFixed(entry);
                entry.Finish();
            }

            if (scalar is null || scalar.IsNull)
            {
                if (item is not ConfigMapping)
                {
                    reader.Diagnostics.Add(item.Location, reader.PathOf(key), $"expected a file path or {{file: path, set: {{...}}}}, found {item.Describe()}");
                }

                continue;
            }

            string full = System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, scalar.Value));
            if (!File.Exists(full))
            {
                reader.Diagnostics.Add(scalar.Location, reader.PathOf(key), $"no such file: '{scalar.Value}' (looked for {full})");
                continue;
            }

            files.Add(new SweepFile(full, scalar.Value, scalar.Location, set));
        }

        if (node is not null && items.Count == 0)
        {
            reader.Diagnostics.Add(node.Location, reader.PathOf(key), "the list is empty");
        }

        return files;
    }

    private static List<SweepConstraint> ReadConstraints(MappingReader reader)
    {
        var constraints = new List<SweepConstraint>();
        ConfigNode? node = reader.Node("constraints", required: false);
        foreach (ConfigNode item in node is ConfigSequence list ? list.Items : node is null ? [] : [node])
        {
            if (item is not ConfigScalar { IsNull: false } scalar)
            {
                reader.Diagnostics.Add(item.Location, "constraints", $"expected a condition such as 'area_mm2 <= 50', found {item.Describe()}");
            }
            else if (SweepConstraint.Parse(scalar.Value, scalar.Location, out string error) is SweepConstraint constraint)
            {
                constraints.Add(constraint);
            }
            else
            {
                reader.Diagnostics.Add(scalar.Location, "constraints", error);
            }
        }

        return constraints;
    }

    /// <summary><c>set: {path: value, ...}</c>: settings every point shares, such as a shorter decode.</summary>
    private static List<SweepAxis> ReadFixed(MappingReader reader)
    {
        var settings = new List<SweepAxis>();
        ConfigNode? node = reader.Node("set", required: false);
        if (node is null)
        {
            return settings;
        }

        if (node is not ConfigMapping map)
        {
            reader.Diagnostics.Add(node.Location, "set", $"expected path: value entries, found {node.Describe()}");
            return settings;
        }

        foreach ((ConfigScalar key, ConfigNode value) in map.Entries)
        {
            if (SettingText(value) is not string text)
            {
                reader.Diagnostics.Add(value.Location, $"set.{key.Value}", $"expected a value or a list of values, found {value.Describe()}");
                continue;
            }

            settings.Add(new SweepAxis(key.Value, key.Value, key.Value.StartsWith("workload.", StringComparison.Ordinal), [new AxisValue(text, value.Location)], key.Location));
        }

        return settings;
    }

    /// <summary>A value as <c>--set</c> takes it: a scalar, or a list of scalars (<c>weight_formats: [int4-g128]</c>).</summary>
    private static string? SettingText(ConfigNode value) => value switch
    {
        ConfigScalar { IsNull: false } s => s.Value,
        ConfigSequence seq when seq.Items.All(i => i is ConfigScalar) => $"[{string.Join(", ", seq.Items.Cast<ConfigScalar>().Select(s => s.Value))}]",
        _ => null,
    };

    private static SweepAxis ReadAxis(MappingReader item)
    {
        string path = item.String("path", required: true, meaning: "the config path it sets, e.g. compute[mxu].rows or workload.formats.weights");
        string name = item.String("name", Shorten(path));
        var values = new List<AxisValue>();
        if (item.Node("values", required: false) is ConfigNode node)
        {
            IReadOnlyList<ConfigNode> items = node is ConfigSequence list ? list.Items : [node];
            foreach (ConfigNode value in items)
            {
                if (SettingText(value) is not string text)
                {
                    item.Diagnostics.Add(value.Location, item.PathOf("values"), $"expected a value or a list of values, found {value.Describe()}");
                    continue;
                }

                values.Add(new AxisValue(text, value.Location));
            }
        }

        if (item.Section("range", ReadRange) is List<AxisValue> range)
        {
            values.AddRange(range);
        }

        if (values.Count == 0)
        {
            item.Diagnostics.Add(item.Location, item.Path, $"axis '{name}' has no values: give values: [...] or range: {{from, to, step or factor}}");
        }

        var duplicate = values.GroupBy(v => v.Text).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            item.Diagnostics.Add(duplicate.Skip(1).First().At, item.PathOf("values"), $"'{duplicate.Key}' is given twice; every point would run twice");
        }

        bool onWorkload = path.StartsWith("workload.", StringComparison.Ordinal);
        return new SweepAxis(name, path, onWorkload, values, item.Location);
    }

    /// <summary><c>{from, to, step}</c> (arithmetic) or <c>{from, to, factor}</c> (geometric), with an optional <c>unit</c> appended to each value.</summary>
    private static List<AxisValue> ReadRange(MappingReader range)
    {
        double from = range.Number("from", double.MinValue, double.MaxValue, 0, required: true);
        double to = range.Number("to", double.MinValue, double.MaxValue, 0, required: true);
        bool hasStep = range.Has("step"), hasFactor = range.Has("factor");
        double step = range.Number("step", 0, double.MaxValue, 1);
        double factor = range.Number("factor", 1, double.MaxValue, 2);
        string unit = range.String("unit");
        var values = new List<AxisValue>();
        if (hasStep == hasFactor)
        {
            range.Diagnostics.Add(range.Location, range.Path, "give step (from, from + step, ...) or factor (from, from × factor, ...), one of them");
            return values;
        }

        if ((hasStep && step <= 0) || (hasFactor && (factor <= 1 || from <= 0)) || to < from)
        {
            range.Diagnostics.Add(range.Location, range.Path, "the range never reaches 'to': need to ≥ from, step > 0, or factor > 1 with from > 0");
            return values;
        }

        for (int i = 0; i < MaxRangeValues; i++)
        {
            double v = hasStep ? from + (i * step) : from * Math.Pow(factor, i);
            if (v > to * (1 + 1e-12))
            {
                return values;
            }

            string text = Math.Round(v, 9).ToString("G15", CultureInfo.InvariantCulture);
            values.Add(new AxisValue(unit.Length == 0 ? text : $"{text} {unit}", range.Location));
        }

        range.Diagnostics.Add(range.Location, range.Path, FormattableString.Invariant($"the range has more than {MaxRangeValues} values"));
        return values;
    }

    private static List<SweepObjective> ReadObjectives(MappingReader reader)
    {
        var objectives = new List<SweepObjective>();
        ConfigNode? node = reader.Node("objectives", required: true, "metrics to trade, e.g. {energy_per_token_uj: minimize, tokens_per_s: maximize}");
        if (node is null)
        {
            return objectives;
        }

        if (node is not ConfigMapping map || map.Entries.Count == 0)
        {
            reader.Diagnostics.Add(node.Location, "objectives", $"expected metric: minimize or maximize entries, found {node.Describe()}");
            return objectives;
        }

        foreach ((ConfigScalar key, ConfigNode value) in map.Entries)
        {
            string direction = (value as ConfigScalar)?.Value ?? "";
            if (direction is not ("minimize" or "maximize" or "min" or "max"))
            {
                reader.Diagnostics.Add(value.Location, $"objectives.{key.Value}", $"expected minimize or maximize, found {value.Describe()}");
                continue;
            }

            objectives.Add(new SweepObjective(key.Value, direction.StartsWith("max", StringComparison.Ordinal), key.Location));
        }

        return objectives;
    }

    private static void CheckNames(MappingReader reader, IReadOnlyList<SweepAxis> axes, IReadOnlyList<SweepConstraint> constraints,
        IReadOnlyList<SweepObjective> objectives, FunctionalMode functional)
    {
        string[] reserved = ["index", "status", "pareto", "design", "pe_kind", "workload", "error"];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (SweepAxis axis in axes)
        {
            if (!seen.Add(axis.Name) || reserved.Contains(axis.Name) || PointMetrics.Find(axis.Name) is not null)
            {
                reader.Diagnostics.Add(axis.At, "axes", $"the axis name '{axis.Name}' is taken (by another axis, a metric or a results column); give it a name: key");
            }
        }

        string[] metrics = [.. PointMetrics.Columns.Select(c => c.Name)];
        string[] known = [.. axes.Select(a => a.Name), .. metrics];
        foreach (SweepConstraint constraint in constraints)
        {
            foreach (string name in constraint.Names.Where(n => !known.Contains(n)))
            {
                string? close = Spelling.ClosestMatch(name, known);
                reader.Diagnostics.Add(constraint.At, "constraints", $"'{constraint.Text}': '{name}' is neither an axis nor a metric"
                    + (close is null ? $"; axes: {string.Join(", ", axes.Select(a => a.Name))}" : $"; did you mean '{close}'?"));
            }
        }

        foreach (SweepObjective objective in objectives.Where(o => !metrics.Contains(o.Metric)))
        {
            string? close = Spelling.ClosestMatch(objective.Metric, metrics);
            reader.Diagnostics.Add(objective.At, $"objectives.{objective.Metric}", "not a metric" + (close is null ? $"; metrics: {string.Join(", ", metrics)}" : $"; did you mean '{close}'?"));
        }

        if (functional == FunctionalMode.Off)
        {
            foreach (SweepObjective objective in objectives.Where(o => o.Metric == "sqnr_db"))
            {
                reader.Diagnostics.Add(objective.At, "objectives.sqnr_db", "SQNR is measured by functional execution; set functional: sample (or full)");
            }
        }
    }

    /// <summary>
    /// Each axis value alone on every base file it applies to; a value that fails on all of them is an error at its line.
    /// Collects into <paramref name="sources"/> every file the loads read: presets, models and traces as well.
    /// </summary>
    private static void TryAxisValues(SweepSpec spec, Diagnostics diagnostics, SortedSet<string> sources)
    {
        foreach (SweepFile file in spec.Designs.Concat(spec.Workloads))
        {
            var bare = new Diagnostics();
            Load(file, spec.Designs.Contains(file), [], bare);
            sources.UnionWith(bare.Sources);
            foreach (ConfigError error in bare.Errors)
            {
                diagnostics.Add(error);
            }
        }

        if (diagnostics.HasErrors)
        {
            return;
        }

        // A setting is tried on the files it reaches: every design or workload, except that an entry's own setting of
        // its own document reaches that file alone.
        IReadOnlyList<SweepFile> Everywhere(SweepAxis axis) => axis.OnWorkload ? spec.Workloads : spec.Designs;
        List<(SweepAxis Axis, string What, IReadOnlyList<SweepFile> Files)> settings =
        [
            .. spec.Fixed.Select(a => (a, "set", Everywhere(a))),
            .. spec.Designs.SelectMany(d => d.Set.Select(a => (a, "set", a.OnWorkload ? spec.Workloads : (IReadOnlyList<SweepFile>)[d]))),
            .. spec.Workloads.SelectMany(w => w.Set.Select(a => (a, "set", a.OnWorkload ? (IReadOnlyList<SweepFile>)[w] : spec.Designs))),
            .. spec.Axes.Select(a => (a, "axis", Everywhere(a))),
        ];
        foreach ((SweepAxis axis, string what, IReadOnlyList<SweepFile> files) in settings)
        {
            foreach (AxisValue value in axis.Values)
            {
                string assignment = axis.Assignment(value);
                List<ConfigError>? first = null;
                bool anyClean = false;
                foreach (SweepFile file in files)
                {
                    List<ConfigError> own = OwnErrors(file, !axis.OnWorkload, [assignment], sources);
                    first ??= own;
                    // A value may need another setting to work (weight_formats: [int4-g128] once an axis makes the
                    // unit bit-serial), so before calling it wrong, try it beside each single value of the others.
                    anyClean |= own.Count == 0 || settings.Where(s => s.Axis != axis && s.Axis.OnWorkload == axis.OnWorkload)
                        .SelectMany(s => s.Axis.Values.Select(s.Axis.Assignment))
                        .Any(other => OwnErrors(file, !axis.OnWorkload, [other, assignment], sources).Count == 0);
                    if (anyClean)
                    {
                        break;
                    }
                }

                if (!anyClean && first is not null)
                {
                    foreach (ConfigError error in first)
                    {
                        diagnostics.Add(error with { Location = value.At, Message = $"{error.Message} ({what} {axis.Name} = {value.Text})" });
                    }
                }
            }
        }
    }

    private static List<ConfigError> OwnErrors(SweepFile file, bool design, string[] overrides, SortedSet<string> sources)
    {
        var trial = new Diagnostics();
        Load(file, design, overrides, trial);
        sources.UnionWith(trial.Sources);
        return [.. trial.Errors.Where(e => e.Location.Origin == $"--set {overrides[^1]}")];
    }

    internal static void Load(SweepFile file, bool design, IReadOnlyList<string> overrides, Diagnostics diagnostics)
    {
        if (design)
        {
            ArchitectureLoader.Load(file.Path, overrides, diagnostics);
        }
        else
        {
            WorkloadLoader.Load(file.Path, overrides, diagnostics);
        }
    }

    /// <summary>The last key of a path: <c>compute[mxu].rows</c> → <c>rows</c>.</summary>
    private static string Shorten(string path)
    {
        string last = path.Split('.')[^1];
        int bracket = last.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? last : last[..bracket];
    }

    /// <summary>
    /// The spec, every file its points read (named relative to the spec, so a moved checkout still resumes) and the
    /// built-in technology tables: a changed preset, model shape or table changes it as much as a changed axis.
    /// </summary>
    internal static string Fingerprint(string path, SortedSet<string> sources, IEnumerable<byte[]> builtInTables)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(File.ReadAllBytes(path));
        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "";
        foreach (string name in sources.Select(s => Path.GetRelativePath(directory, s).Replace('\\', '/')).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"\0{name}\0"));
            hash.AppendData(File.ReadAllBytes(Path.Combine(directory, name)));
        }

        foreach (byte[] table in builtInTables)
        {
            hash.AppendData(table);
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
    }
}
