using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AccelSim.Config.Yaml;

/// <summary>Reads YAML text through YamlDotNet's representation model into <see cref="ConfigNode"/>s that keep file, line and column.</summary>
public static partial class YamlSource
{
    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();

    /// <summary>Loads a file; a missing or unreadable file is reported, not thrown.</summary>
    public static ConfigNode? LoadFile(string path, Diagnostics diagnostics, SourceLocation? referencedFrom = null, string key = "")
    {
        if (!InputText.TryRead(path, InputText.MaxYamlBytes, out string text, out string error))
        {
            diagnostics.Add(referencedFrom ?? new SourceLocation(path, 1, 1), key, error);
            return null;
        }

        diagnostics.Read(path);

        return Load(path, text, diagnostics);
    }

    /// <summary>
    /// Parses <paramref name="text"/>; syntax errors and duplicate keys are added to <paramref name="diagnostics"/>.
    /// When <paramref name="origin"/> is given (a <c>--set</c> value), every node is located there instead of in a file.
    /// </summary>
    public static ConfigNode? Load(string file, string text, Diagnostics diagnostics, string? origin = null)
    {
        var stream = new YamlStream();
        var filter = new YamlEventFilter(new Parser(new StringReader(text)), file, "", diagnostics);
        try
        {
            stream.Load(filter);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet fails this way on some unterminated constructs and on an empty key after a block sequence; it gives no position.
            SourceLocation at = origin is null
                ? new SourceLocation(file, Math.Max(1, (int)filter.LastEnd.Line), Math.Max(1, (int)filter.LastEnd.Column))
                : SourceLocation.CommandLine(origin);
            diagnostics.Add(at, "", "YAML syntax error: the text after this point cannot be read (an unclosed bracket or quote?)");
            return null;
        }
        catch (YamlBoundException e)
        {
            SourceLocation at = origin is null ? new SourceLocation(file, Math.Max(1, (int)e.At.Line), Math.Max(1, (int)e.At.Column)) : SourceLocation.CommandLine(origin);
            diagnostics.Add(at, "", e.Message);
            return null;
        }
        catch (YamlException e)
        {
            SourceLocation at = origin is null
                ? new SourceLocation(file, (int)e.Start.Line, (int)e.Start.Column)
                : SourceLocation.CommandLine(origin);
            diagnostics.Add(at, "", $"YAML syntax error: {MarkPrefix().Replace(e.Message, "")}");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            diagnostics.Add(origin is null ? new SourceLocation(file, 1, 1) : SourceLocation.CommandLine(origin), "", "the document is empty");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            YamlNode second = stream.Documents[1].RootNode;
            diagnostics.Add(Locate(second, file, origin), "", "only one YAML document per file is read; remove the second '---' document");
        }

        return Convert(stream.Documents[0].RootNode, file, origin, diagnostics);
    }

    private static SourceLocation Locate(YamlNode node, string file, string? origin) =>
        origin is null ? new SourceLocation(file, (int)node.Start.Line, (int)node.Start.Column) : SourceLocation.CommandLine(origin);

    private static ConfigNode Convert(YamlNode node, string file, string? origin, Diagnostics diagnostics)
    {
        SourceLocation at = Locate(node, file, origin);
        switch (node)
        {
            case YamlScalarNode scalar:
                string value = scalar.Value ?? "";
                bool isNull = scalar.Style == ScalarStyle.Plain && value is "" or "~" or "null" or "Null" or "NULL";
                return new ConfigScalar(value, at, isNull);
            case YamlSequenceNode sequence:
                return new ConfigSequence([.. sequence.Children.Select(c => Convert(c, file, origin, diagnostics))], at);
            case YamlMappingNode mapping:
                var result = new ConfigMapping(at);
                foreach (KeyValuePair<YamlNode, YamlNode> entry in mapping.Children)
                {
                    if (entry.Key is not YamlScalarNode key)
                    {
                        diagnostics.Add(Locate(entry.Key, file, origin), "", "a key must be a plain name, not a list or mapping");
                        continue;
                    }

                    result.Set((ConfigScalar)Convert(key, file, origin, diagnostics), Convert(entry.Value, file, origin, diagnostics));
                }

                return result;
            default:
                diagnostics.Add(at, "", "aliases and anchors are not supported");
                return new ConfigScalar("", at, isNull: true);
        }
    }
}
