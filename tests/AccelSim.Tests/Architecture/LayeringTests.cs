using System.Text.RegularExpressions;

namespace AccelSim.Tests.Architecture;

/// <summary>
/// The core library's folders are layers (DESIGN.md): a folder may use its own layer and those below, never above.
/// Checked on the source's using directives and qualified names.
/// </summary>
public partial class LayeringTests
{
    private static readonly (string Namespace, int Layer)[] Layers =
    [
        ("AccelSim.Units", 0), ("AccelSim.Numerics", 0), ("AccelSim.Text", 0),
        ("AccelSim.Events", 1), ("AccelSim.Config.Yaml", 1), ("AccelSim.Cost", 1),
        ("AccelSim.Hardware", 2), ("AccelSim.Memory", 2), ("AccelSim.Workloads", 2),
        ("AccelSim.Accelerator", 3), ("AccelSim.Config", 3),
        ("AccelSim.Sweep", 4), ("AccelSim.Report", 4),
    ];

    [GeneratedRegex(@"^namespace (AccelSim[\w.]*);", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"\bAccelSim(?:\.[A-Z]\w*)+")]
    private static partial Regex Reference();

    private static int LayerOf(string name) =>
        Layers.Where(l => name == l.Namespace || name.StartsWith(l.Namespace + ".", StringComparison.Ordinal)).OrderByDescending(l => l.Namespace.Length).Select(l => l.Layer).DefaultIfEmpty(-1).First();

    [Fact]
    public void CoreFolders_UseOnlyTheirLayerAndThoseBelow()
    {
        string? root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "AccelSim.sln")))
        {
            root = Path.GetDirectoryName(root);
        }

        Assert.NotNull(root);
        var violations = new List<string>();
        string[] files = Directory.GetFiles(Path.Combine(root, "src", "AccelSim.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToArray();
        Assert.True(files.Length > 50);
        foreach (string file in files)
        {
            string text = File.ReadAllText(file);
            string own = NamespaceLine().Match(text).Groups[1].Value;
            int layer = LayerOf(own);
            Assert.True(layer >= 0, $"{file}: namespace {own} is in no layer");
            foreach (Match used in Reference().Matches(text))
            {
                int usedLayer = LayerOf(used.Value);
                if (usedLayer > layer)
                {
                    violations.Add($"{Path.GetRelativePath(root, file)}: {own} (layer {layer}) uses {used.Value} (layer {usedLayer})");
                }
            }

            // Relative references inside AccelSim, such as Memory.Dram.X from AccelSim.Accelerator.
            foreach ((string ns, int l) in Layers.Where(l => l.Layer > layer))
            {
                string relative = ns["AccelSim.".Length..];
                if (Regex.IsMatch(text, $@"(?<![\w.]){Regex.Escape(relative)}\.[A-Z]") && !own.StartsWith(ns, StringComparison.Ordinal))
                {
                    violations.Add($"{Path.GetRelativePath(root, file)}: {own} (layer {layer}) refers to {relative} (layer {l})");
                }
            }
        }

        Assert.Empty(violations);
    }
}
