namespace AccelSim.Config.Yaml;

/// <summary>
/// A YAML node with the place it was written. Loaded from YamlDotNet's representation model, then merged with
/// presets and <c>--set</c> overrides while every value keeps its own location for error messages.
/// </summary>
public abstract class ConfigNode(SourceLocation location)
{
    public SourceLocation Location { get; } = location;

    /// <summary>What the node is, for messages: "a mapping", "a list", "a value".</summary>
    public abstract string Describe();
}

/// <summary>A scalar, kept as the text written (typed when read against the schema).</summary>
public sealed class ConfigScalar(string value, SourceLocation location, bool isNull = false) : ConfigNode(location)
{
    public string Value { get; } = value;

    /// <summary>True for an empty value (<c>key:</c> with nothing after it) or <c>~</c>/<c>null</c>.</summary>
    public bool IsNull { get; } = isNull;

    public override string Describe() => IsNull ? "empty" : $"the value '{Value}'";
}

/// <summary>A list.</summary>
public sealed class ConfigSequence(IReadOnlyList<ConfigNode> items, SourceLocation location) : ConfigNode(location)
{
    public IReadOnlyList<ConfigNode> Items { get; } = items;

    public override string Describe() => "a list";
}

/// <summary>A mapping with keys in written order; keys are unique (duplicates are reported and dropped on load).</summary>
public sealed class ConfigMapping(SourceLocation location) : ConfigNode(location)
{
    private readonly List<KeyValuePair<ConfigScalar, ConfigNode>> entries = [];

    // Where each key is in entries: a mapping with tens of thousands of keys must not cost quadratic time.
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);

    public IReadOnlyList<KeyValuePair<ConfigScalar, ConfigNode>> Entries => entries;

    public ConfigNode? this[string key] => index.TryGetValue(key, out int i) ? entries[i].Value : null;

    /// <summary>Adds the entry, or replaces the value of an existing key (how presets and overrides take effect).</summary>
    public void Set(ConfigScalar key, ConfigNode value)
    {
        if (index.TryGetValue(key.Value, out int i))
        {
            entries[i] = new(entries[i].Key, value);
        }
        else
        {
            index[key.Value] = entries.Count;
            entries.Add(new(key, value));
        }
    }

    public bool Remove(string key)
    {
        if (!index.Remove(key, out int i))
        {
            return false;
        }

        entries.RemoveAt(i);
        for (int j = i; j < entries.Count; j++)
        {
            index[entries[j].Key.Value] = j;
        }

        return true;
    }

    public override string Describe() => "a mapping";
}
