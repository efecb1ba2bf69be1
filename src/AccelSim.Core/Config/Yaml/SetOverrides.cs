using System.Text.RegularExpressions;
using AccelSim.Text;

namespace AccelSim.Config.Yaml;

/// <summary>
/// Applies <c>--set path=value</c> assignments to a loaded document before it is read, so an override is checked by
/// the same schema as the file and its errors name the assignment. Paths are keys joined by dots, with list items
/// chosen by name: <c>compute[mxu].rows=64</c>, or all of them: <c>compute[*].rows=64</c>. The value is YAML, so <c>weight_formats=[int8,int4]</c> works.
/// </summary>
public static partial class SetOverrides
{
    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\[\]]+)\])?$")]
    private static partial Regex Segment();

    public static void Apply(ConfigNode? root, IEnumerable<string> assignments, Diagnostics diagnostics)
    {
        foreach (string assignment in assignments)
        {
            Apply(root, assignment, diagnostics);
        }
    }

    private static void Apply(ConfigNode? root, string assignment, Diagnostics diagnostics)
    {
        string origin = $"--set {assignment}";
        SourceLocation at = SourceLocation.CommandLine(origin);
        int equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            diagnostics.Add(at, "", "expected path=value, e.g. compute[mxu].rows=64");
            return;
        }

        string path = assignment[..equals].Trim();
        string text = assignment[(equals + 1)..].Trim();
        ConfigNode? value = text.Length == 0
            ? new ConfigScalar("", at, isNull: true)
            : YamlSource.Load(origin, text, diagnostics, origin);
        if (value is null)
        {
            return;
        }

        if (root is not ConfigMapping current)
        {
            diagnostics.Add(at, path, "the document is not a mapping, so it has no keys to set");
            return;
        }

        Walk(current, path.Split('.'), 0, "", path, value, at, diagnostics);
    }

    private static void Walk(ConfigMapping current, string[] segments, int i, string walked, string path, ConfigNode value, SourceLocation at, Diagnostics diagnostics)
    {
        for (; i < segments.Length; i++)
        {
            Match match = Segment().Match(segments[i]);
            if (!match.Success)
            {
                diagnostics.Add(at, path, $"'{segments[i]}' is not a key or key[name]");
                return;
            }

            string key = match.Groups[1].Value;
            walked = walked.Length == 0 ? key : $"{walked}.{key}";
            bool last = i == segments.Length - 1;
            if (!match.Groups[2].Success)
            {
                if (last)
                {
                    current.Set(new ConfigScalar(key, at), value);
                    return;
                }

                if (current[key] is ConfigMapping child)
                {
                    current = child;
                    continue;
                }

                if (current[key] is null)
                {
                    // Creating the mapping lets the schema report the key as unknown, with a suggestion.
                    var created = new ConfigMapping(at);
                    current.Set(new ConfigScalar(key, at), created);
                    current = created;
                    continue;
                }

                diagnostics.Add(at, walked, $"is {current[key]!.Describe()}, not a mapping with keys to set");
                return;
            }

            string name = match.Groups[2].Value;
            if (current[key] is not ConfigSequence list)
            {
                diagnostics.Add(at, walked, current[key] is null ? "no such list" : $"is {current[key]!.Describe()}, not a list of named items");
                return;
            }

            var names = list.Items.OfType<ConfigMapping>().Select(m => m["name"]).OfType<ConfigScalar>().Select(s => s.Value).ToList();
            if (name == "*" && !last)
            {
                // Every item: a sweep over designs whose units have different names sets them all alike.
                foreach (ConfigMapping each in list.Items.OfType<ConfigMapping>())
                {
                    string itemName = each["name"] is ConfigScalar n ? n.Value : "?";
                    Walk(each, segments, i + 1, $"{walked}[{itemName}]", path, value, at, diagnostics);
                }

                return;
            }

            ConfigMapping? item = list.Items.OfType<ConfigMapping>().FirstOrDefault(m => name == "*" || (m["name"] is ConfigScalar s && s.Value == name));
            walked += $"[{name}]";
            if (item is null)
            {
                string? close = Spelling.ClosestMatch(name, names);
                diagnostics.Add(at, walked, $"no item named '{name}'; the names are {string.Join(", ", names)}"
                    + (close is null ? "" : $" (did you mean '{close}'?)"));
                return;
            }

            if (last)
            {
                diagnostics.Add(at, walked, "name a key of the item, e.g. " + walked + ".rows=64");
                return;
            }

            current = item;
        }
    }
}
