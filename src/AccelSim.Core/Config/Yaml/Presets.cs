namespace AccelSim.Config.Yaml;

/// <summary>
/// Expands <c>preset: file.yaml</c> in any mapping: the preset's keys are taken first and the mapping's own keys
/// override them (section by section where both give a section). The path is relative to the file that names it; errors in preset keys point into the preset file.
/// </summary>
public static class Presets
{
    public const string Key = "preset";

    /// <summary>The most preset files one document may load, counting repeats: bounds a preset that names itself many times.</summary>
    public const int MaxLoads = 256;

    public static void Expand(ConfigNode? node, string includingFile, Diagnostics diagnostics) =>
        Expand(node, includingFile, diagnostics, [Path.GetFullPath(includingFile)], new int[1]);

    /// <param name="chain">The files from the document down to <paramref name="includingFile"/>, to name a cycle.</param>
    /// <param name="loads">Preset files loaded so far for the document, shared by every branch.</param>
    private static void Expand(ConfigNode? node, string includingFile, Diagnostics diagnostics, IReadOnlyList<string> chain, int[] loads)
    {
        switch (node)
        {
            case ConfigSequence sequence:
                foreach (ConfigNode item in sequence.Items)
                {
                    Expand(item, includingFile, diagnostics, chain, loads);
                }

                break;
            case ConfigMapping mapping:
                if (mapping[Key] is ConfigScalar { IsNull: false } reference)
                {
                    ExpandOne(mapping, reference, includingFile, diagnostics, chain, loads);
                }
                else if (mapping[Key] is { } other)
                {
                    diagnostics.Add(other.Location, Key, $"expected the path of a preset file, found {other.Describe()}");
                    mapping.Remove(Key);
                }

                foreach ((_, ConfigNode child) in mapping.Entries.ToList())
                {
                    Expand(child, includingFile, diagnostics, chain, loads);
                }

                break;
        }
    }

    private static void ExpandOne(ConfigMapping mapping, ConfigScalar reference, string includingFile, Diagnostics diagnostics, IReadOnlyList<string> chain, int[] loads)
    {
        mapping.Remove(Key);
        if (++loads[0] > MaxLoads)
        {
            if (loads[0] == MaxLoads + 1)
            {
                diagnostics.Add(reference.Location, Key, $"more than {MaxLoads} preset files loaded for one document; do presets name each other over and over?");
            }

            return;
        }

        // A preset named by an override is looked for beside the file first, as the file's own would be, then as given.
        string? path = IncludedFile.Find(includingFile, reference.Value, out string missing);
        if (path is null && reference.Location.Origin is not null && File.Exists(reference.Value))
        {
            path = reference.Value;
        }

        if (path is null)
        {
            diagnostics.Add(reference.Location, Key, missing);
            return;
        }

        string full = Path.GetFullPath(path);
        if (chain.Contains(full, StringComparer.Ordinal))
        {
            diagnostics.Add(reference.Location, Key, $"presets include each other in a cycle: {string.Join(" → ", chain.SkipWhile(f => f != full).Append(full).Select(Path.GetFileName))}");
            return;
        }

        ConfigNode? loaded = YamlSource.LoadFile(path, diagnostics, reference.Location, Key);
        if (loaded is null)
        {
            return;
        }

        if (loaded is not ConfigMapping preset)
        {
            diagnostics.Add(loaded.Location, "", $"a preset must be a mapping of keys to values, found {loaded.Describe()}");
            return;
        }

        Expand(preset, path, diagnostics, [.. chain, full], loads);
        Merge(mapping, preset);
    }

    /// <summary>
    /// Takes the preset's keys the mapping lacks; where both have a mapping under one key, merges them the same way,
    /// so a design can change one key of a preset's section (say <c>pim: {mode: blocked}</c>) and keep the rest.
    /// </summary>
    private static void Merge(ConfigMapping mapping, ConfigMapping preset)
    {
        var own = mapping.Entries.ToList();
        foreach ((ConfigScalar key, ConfigNode value) in preset.Entries)
        {
            ConfigNode? mine = own.FirstOrDefault(e => e.Key.Value == key.Value).Value;
            if (mine is null)
            {
                mapping.Set(key, value);
            }
            else if (mine is ConfigMapping inner && value is ConfigMapping presetInner)
            {
                Merge(inner, presetInner);
            }
        }
    }
}
