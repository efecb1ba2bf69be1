using System.Globalization;
using AccelSim.Text;

namespace AccelSim.Config.Yaml;

/// <summary>
/// Reads one YAML mapping against a schema: typed, range-checked values, required keys, and — when <see cref="Finish"/>
/// is called — every key the schema did not ask for reported as unknown with the closest known key suggested.
/// Errors go to <see cref="Diagnostics"/>; a value in error reads as its default so reading can go on.
/// </summary>
public sealed class MappingReader
{
    private readonly ConfigMapping mapping;
    private readonly HashSet<string> known = new(StringComparer.Ordinal);

    private MappingReader(ConfigMapping mapping, string path, Diagnostics diagnostics)
    {
        this.mapping = mapping;
        Path = path;
        Diagnostics = diagnostics;
    }

    public string Path { get; }

    public Diagnostics Diagnostics { get; }

    public SourceLocation Location => mapping.Location;

    public ConfigMapping Mapping => mapping;

    /// <summary>Opens <paramref name="node"/> as a mapping, or reports that it is something else and returns null.</summary>
    public static MappingReader? Open(ConfigNode? node, string path, Diagnostics diagnostics)
    {
        if (node is ConfigMapping map)
        {
            return new MappingReader(map, path, diagnostics);
        }

        if (node is not null)
        {
            diagnostics.Add(node.Location, path, $"expected a mapping of keys to values, found {node.Describe()}");
        }

        return null;
    }

    /// <summary>
    /// Loads a YAML file, applies the <c>--set</c> overrides, expands its presets and opens its top-level mapping.
    /// Overrides go first so that they count as the file's own keys, which win over a preset's, and so that an
    /// override can name another preset (<c>offload.link.preset=presets/pcie5-x16.yaml</c>).
    /// </summary>
    public static MappingReader? OpenDocument(string path, IReadOnlyList<string> overrides, Diagnostics diagnostics)
    {
        ConfigNode? root = YamlSource.LoadFile(path, diagnostics);
        SetOverrides.Apply(root, overrides, diagnostics);
        Presets.Expand(root, path, diagnostics);
        return Open(root, "", diagnostics);
    }

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public bool Has(string key)
    {
        known.Add(key);
        return mapping[key] is { } node && !(node is ConfigScalar { IsNull: true });
    }

    /// <summary>The node under <paramref name="key"/>, reporting it missing when required.</summary>
    public ConfigNode? Node(string key, bool required, string? meaning = null)
    {
        known.Add(key);
        ConfigNode? node = mapping[key];
        if (node is ConfigScalar { IsNull: true })
        {
            node = null;
        }

        if (node is null && required)
        {
            Diagnostics.Add(mapping.Location, PathOf(key), "required key is missing" + (meaning is null ? "" : $" ({meaning})"));
        }

        return node;
    }

    /// <summary>Reads a scalar with <paramref name="parse"/>; absent gives <paramref name="fallback"/> (an error if <paramref name="required"/>).</summary>
    public T Value<T>(string key, ScalarParser<T> parse, T fallback, bool required = false, string? meaning = null)
    {
        ConfigScalar? scalar = Scalar(key, required, meaning);
        if (scalar is null)
        {
            return fallback;
        }

        if (parse(scalar.Value, out T value, out string error))
        {
            return value;
        }

        Diagnostics.Add(scalar.Location, PathOf(key), error);
        return fallback;
    }

    public string String(string key, string fallback = "", bool required = false, string? meaning = null) =>
        Value(key, (string text, out string value, out string error) =>
        {
            value = text;
            error = "";
            return true;
        }, fallback, required, meaning);

    public int Int(string key, int min, int max, int fallback, bool required = false, string? meaning = null) =>
        Value(key, (string text, out int value, out string error) => ParseInt(text, min, max, out value, out error), fallback, required, meaning);

    public bool Bool(string key, bool fallback) =>
        Value(key, (string text, out bool value, out string error) =>
        {
            error = $"expected true or false, found '{text}'";
            return bool.TryParse(text, out value);
        }, fallback);

    /// <summary>One of <paramref name="choices"/>; anything else is reported with the closest choice.</summary>
    public string Choice(string key, IReadOnlyCollection<string> choices, string fallback, bool required = false, string? meaning = null) =>
        Value(key, (string text, out string value, out string error) => ParseChoice(text, choices, out value, out error), fallback, required, meaning);

    /// <summary>A list of scalars; a single scalar is accepted as a list of one.</summary>
    public IReadOnlyList<T> List<T>(string key, ScalarParser<T> parse, bool required = false, string? meaning = null)
    {
        ConfigNode? node = Node(key, required, meaning);
        IReadOnlyList<ConfigNode> items = node switch
        {
            null => [],
            ConfigSequence sequence => sequence.Items,
            _ => [node],
        };
        var result = new List<T>();
        foreach (ConfigNode item in items)
        {
            if (item is not ConfigScalar scalar || scalar.IsNull)
            {
                Diagnostics.Add(item.Location, PathOf(key), $"expected a value in the list, found {item.Describe()}");
            }
            else if (parse(scalar.Value, out T value, out string error))
            {
                result.Add(value);
            }
            else
            {
                Diagnostics.Add(scalar.Location, PathOf(key), error);
            }
        }

        if (required && node is not null && items.Count == 0)
        {
            Diagnostics.Add(node.Location, PathOf(key), "the list is empty" + (meaning is null ? "" : $" ({meaning})"));
        }

        return result;
    }

    /// <summary>A nested mapping read by <paramref name="read"/>, or null when absent.</summary>
    public T? Section<T>(string key, Func<MappingReader, T> read, bool required = false, string? meaning = null)
        where T : class
    {
        MappingReader? reader = Open(Node(key, required, meaning), PathOf(key), Diagnostics);
        if (reader is null)
        {
            return null;
        }

        T result = read(reader);
        reader.Finish();
        return result;
    }

    /// <summary>A list of mappings without names (such as cited points), each read by <paramref name="read"/>.</summary>
    public IReadOnlyList<T> Items<T>(string key, Func<MappingReader, T> read, bool required = false, string? meaning = null)
    {
        ConfigNode? node = Node(key, required, meaning);
        if (node is null)
        {
            return [];
        }

        if (node is not ConfigSequence sequence)
        {
            Diagnostics.Add(node.Location, PathOf(key), $"expected a list of mappings ('- key: value'), found {node.Describe()}");
            return [];
        }

        var result = new List<T>();
        foreach (ConfigNode item in sequence.Items)
        {
            if (Open(item, PathOf(key), Diagnostics) is MappingReader reader)
            {
                result.Add(read(reader));
                reader.Finish();
            }
        }

        if (required && sequence.Items.Count == 0)
        {
            Diagnostics.Add(node.Location, PathOf(key), "the list is empty" + (meaning is null ? "" : $" ({meaning})"));
        }

        return result;
    }

    /// <summary>
    /// A list of mappings each with a unique <c>name</c>; each item's path is <c>key[name]</c>, so messages and
    /// <c>--set</c> address items by name, never by position.
    /// </summary>
    public IReadOnlyList<T> NamedList<T>(string key, Func<MappingReader, string, T> read, bool required = false, string? meaning = null)
    {
        ConfigNode? node = Node(key, required, meaning);
        if (node is null)
        {
            return [];
        }

        if (node is not ConfigSequence sequence)
        {
            Diagnostics.Add(node.Location, PathOf(key), $"expected a list of named items ('- name: ...'), found {node.Describe()}");
            return [];
        }

        var result = new List<T>();
        var names = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        for (int i = 0; i < sequence.Items.Count; i++)
        {
            ConfigNode item = sequence.Items[i];
            string name = (item as ConfigMapping)?["name"] is ConfigScalar { IsNull: false } n ? n.Value : $"#{i + 1}";
            MappingReader? reader = Open(item, $"{PathOf(key)}[{name}]", Diagnostics);
            if (reader is null)
            {
                continue;
            }

            reader.String("name", required: true, meaning: "items of a list are named so they can be addressed");
            if (names.TryGetValue(name, out SourceLocation first))
            {
                Diagnostics.Add(item.Location, reader.Path, $"duplicate name '{name}' (first used at line {first.Line})");
            }

            names.TryAdd(name, item.Location);
            result.Add(read(reader, name));
            reader.Finish();
        }

        if (required && result.Count == 0 && sequence.Items.Count == 0)
        {
            Diagnostics.Add(node.Location, PathOf(key), "the list is empty" + (meaning is null ? "" : $" ({meaning})"));
        }

        return result;
    }

    /// <summary>The keys the schema has asked for so far, whether or not the mapping has them.</summary>
    public IReadOnlyCollection<string> Asked => known;

    /// <summary>The mapping's keys no read has asked for yet: what <see cref="Finish"/> would report as unknown.</summary>
    public IReadOnlyList<string> Unread() => [.. mapping.Entries.Select(e => e.Key.Value).Where(k => !known.Contains(k))];

    /// <summary>Reports every key that no read asked for, suggesting the closest known key.</summary>
    public void Finish()
    {
        foreach ((ConfigScalar key, _) in mapping.Entries)
        {
            if (known.Contains(key.Value))
            {
                continue;
            }

            string? close = Spelling.ClosestMatch(key.Value, known);
            string hint = close is null ? $"known keys: {string.Join(", ", known.Order(StringComparer.Ordinal))}" : $"did you mean '{close}'?";
            Diagnostics.Add(key.Location, PathOf(key.Value), $"unknown key; {hint}");
        }
    }

    public void Error(string key, string message) =>
        Diagnostics.Add(mapping[key]?.Location ?? mapping.Location, PathOf(key), message);

    /// <summary>A real number from <paramref name="min"/> to <paramref name="max"/>, such as a probability or a threshold.</summary>
    public double Number(string key, double min, double max, double fallback, bool required = false, string? meaning = null) =>
        Value(key, (string text, out double value, out string error) => ParseNumber(text, min, max, out value, out error), fallback, required, meaning);

    public static bool ParseNumber(string text, double min, double max, out double value, out string error)
    {
        error = "";
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            return true;
        }

        error = FormattableString.Invariant($"expected a number from {min} to {max}, found '{text}'");
        return false;
    }

    public static bool ParseInt(string text, int min, int max, out int value, out string error)
    {
        error = "";
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed))
        {
            value = 0;
            error = $"expected a whole number, found '{text}'";
            return false;
        }

        if (parsed < min || parsed > max)
        {
            value = 0;
            error = $"{parsed} is out of range: must be from {min} to {max}";
            return false;
        }

        value = (int)parsed;
        return true;
    }

    public static bool ParseChoice(string text, IReadOnlyCollection<string> choices, out string value, out string error)
    {
        value = text;
        error = "";
        if (choices.Contains(text))
        {
            return true;
        }

        string? close = Spelling.ClosestMatch(text, choices);
        error = $"'{text}' is not one of {string.Join(", ", choices)}" + (close is null ? "" : $" (did you mean '{close}'?)");
        return false;
    }

    private ConfigScalar? Scalar(string key, bool required, string? meaning)
    {
        ConfigNode? node = Node(key, required, meaning);
        if (node is null or ConfigScalar)
        {
            return (ConfigScalar?)node;
        }

        Diagnostics.Add(node.Location, PathOf(key), $"expected a single value, found {node.Describe()}");
        return null;
    }
}
