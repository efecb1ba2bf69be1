using System.Globalization;
using System.Text.RegularExpressions;
using ScottPlot;

namespace AccelSim.Report.Charts;

/// <summary>
/// A chart drawn with ScottPlot at a fixed size, written as SVG or PNG by the file's extension. The size is the
/// chart's own (it grows with the number of bars or legend entries), so a saved chart needs no options.
/// </summary>
public sealed partial class Chart(Plot plot, int width, int height) : IDisposable
{
    /// <summary>The extensions a chart can be written with.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".svg", ".png"];

    public Plot Plot { get; } = plot;

    public int Width { get; } = width;

    public int Height { get; } = height;

    /// <summary>Null when a chart can be written to <paramref name="path"/>; otherwise why not.</summary>
    public static string? CannotWrite(string path) =>
        Extensions.Contains(Path.GetExtension(path).ToLowerInvariant())
            ? null
            : $"'{path}' ends in neither .svg nor .png: the extension says which the chart is written as";

    /// <summary>
    /// The chart as SVG. Skia numbers clip paths from a process-wide counter; they are renumbered from 1 in order of
    /// appearance, so the same chart gives the same bytes however many were drawn before it.
    /// </summary>
    public string Svg()
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        return ClipId().Replace(Plot.GetSvgXml(Width, Height), m =>
        {
            if (!ids.TryGetValue(m.Groups[1].Value, out int id))
            {
                ids[m.Groups[1].Value] = id = ids.Count + 1;
            }

            return string.Create(CultureInfo.InvariantCulture, $"cl_{id}");
        });
    }

    [GeneratedRegex(@"\bcl_([0-9a-fA-F]+)\b")]
    private static partial Regex ClipId();

    public byte[] Png() => Plot.GetImageBytes(Width, Height, ImageFormat.Png);

    /// <summary>Writes the chart as the file's extension says (.svg or .png).</summary>
    public void Save(string path)
    {
        if (CannotWrite(path) is string why)
        {
            throw new ArgumentException(why, nameof(path));
        }

        if (Path.GetExtension(path).Equals(".svg", StringComparison.OrdinalIgnoreCase))
        {
            File.WriteAllText(path, Svg());
        }
        else
        {
            File.WriteAllBytes(path, Png());
        }
    }

    /// <summary>A default chart is written both ways: <paramref name="path"/> and the same name with the other extension. Returns the paths written.</summary>
    public IReadOnlyList<string> SaveBoth(string path)
    {
        string[] paths = [.. Extensions.Select(e => Path.ChangeExtension(path, e))];
        foreach (string p in paths)
        {
            Save(p);
        }

        return paths;
    }

    public void Dispose() => Plot.Dispose();
}
